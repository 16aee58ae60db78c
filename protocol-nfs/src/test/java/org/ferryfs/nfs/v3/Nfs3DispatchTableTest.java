package org.ferryfs.nfs.v3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.ferryfs.nfs.handle.HandleCodec;
import org.ferryfs.nfs.testing.InMemoryFileService;
import org.junit.jupiter.api.Test;

/** The dispatch table declares all 22 procedures of RFC 1813 §3.3 with the right preconditions. */
class Nfs3DispatchTableTest {

  private final InMemoryFileService files = new InMemoryFileService();
  private final List<Nfs3Procedure<?>> table =
      Nfs3DispatchTable.procedures(new Nfs3Context(files, new HandleCodec(files.handleSecret())));

  @Test
  void everyProcedureInNumberOrderWithItsRfcName() {
    assertThat(table).hasSize(22);
    List<String> names =
        List.of(
            "NULL",
            "GETATTR",
            "SETATTR",
            "LOOKUP",
            "ACCESS",
            "READLINK",
            "READ",
            "WRITE",
            "CREATE",
            "MKDIR",
            "SYMLINK",
            "MKNOD",
            "REMOVE",
            "RMDIR",
            "RENAME",
            "LINK",
            "READDIR",
            "READDIRPLUS",
            "FSSTAT",
            "FSINFO",
            "PATHCONF",
            "COMMIT");
    for (int i = 0; i < table.size(); i++) {
      Nfs3Procedure<?> p = table.get(i);
      assertThat(p.number()).isEqualTo(i);
      assertThat(p.name()).isEqualTo(names.get(i));
      assertThat(p.argsType().getSimpleName()).isEqualTo(names.get(i) + "3args");
      assertThat(p.handler().getClass().getSimpleName()).isEqualTo("Proc" + names.get(i));
    }
  }

  @Test
  void preconditions() {
    assertThat(table.stream().filter(p -> !p.needsHandle()).map(Nfs3Procedure::name))
        .containsExactly("NULL");
    Set<String> modifying =
        table.stream()
            .filter(Nfs3Procedure::modifies)
            .map(Nfs3Procedure::name)
            .collect(Collectors.toSet());
    assertThat(modifying)
        .containsExactlyInAnyOrder(
            "SETATTR", "WRITE", "CREATE", "MKDIR", "SYMLINK", "MKNOD", "REMOVE", "RMDIR", "RENAME",
            "LINK");
  }
}
