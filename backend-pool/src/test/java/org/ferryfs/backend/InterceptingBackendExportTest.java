package org.ferryfs.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InterceptingBackendExportTest {

  /** Records the operations it sees. */
  private static final class Recorder extends InterceptingBackendExport {
    final Set<BackendOp> seen = EnumSet.noneOf(BackendOp.class);
    final List<String> paths = new ArrayList<>();

    Recorder(BackendExport target) {
      super(target);
    }

    @Override
    protected <T> T intercept(BackendOp op, String path, Call<T> call) throws BackendException {
      seen.add(op);
      paths.add(op + " " + path);
      return call.call();
    }
  }

  @Test
  void everyBackendExportMethodIsIntercepted() {
    // A new SPI method that the base does not override would bypass fault and delay injection.
    Set<String> notIntercepted = Set.of("describe", "capabilities", "close");
    for (Method m : BackendExport.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) || notIntercepted.contains(m.getName())) {
        continue;
      }
      assertThat(declares(InterceptingBackendExport.class, m))
          .as("InterceptingBackendExport overrides %s", m)
          .isTrue();
    }
  }

  @Test
  void everyOperationReachesTheInterceptorAndTheDelegate() throws Exception {
    StubBackendExport stub = new StubBackendExport();
    Recorder r = new Recorder(stub);
    r.getattr("a");
    r.setattr("a", SetAttributes.NONE);
    r.list("d");
    r.create("a", SetAttributes.NONE, true);
    r.mkdir("d", SetAttributes.NONE);
    r.symlink("l", "t", SetAttributes.NONE);
    r.readlink("l");
    r.mknod("n", FileType.FIFO, 0, 0, SetAttributes.NONE);
    r.remove("a");
    r.rmdir("d");
    r.rename("a", "b");
    r.link("a", "c");
    r.fsstat();
    try (BackendHandle h = r.open("f", OpenMode.READ_WRITE)) {
      h.read(0, ByteBuffer.allocate(4));
      h.write(0, ByteBuffer.allocate(4));
      h.sync();
      h.getattr();
      h.lock(0, 10, true);
      h.unlock(0, 10);
    }
    try (BackendHandle h = r.open("g", OpenMode.READ, ShareAccess.all())) {
      h.getattr();
    }
    assertThat(r.seen).isEqualTo(EnumSet.allOf(BackendOp.class));
    assertThat(r.paths).contains("RENAME a", "LINK a", "READ f", "HANDLE_CLOSE f", "FSSTAT ");
    assertThat(stub.calls)
        .containsExactly(
            "getattr a",
            "setattr a",
            "list d",
            "create a",
            "mkdir d",
            "symlink l",
            "readlink l",
            "mknod n",
            "remove a",
            "rmdir d",
            "rename a->b",
            "link a->c",
            "fsstat ",
            "open f",
            "read f",
            "write f",
            "sync f",
            "handle-getattr f",
            "lock f",
            "unlock f",
            "handle-close f",
            "open g",
            "handle-getattr g",
            "handle-close g");
    assertThat(r.describe()).isEqualTo("stub:///export");
    assertThat(r.capabilities()).isEqualTo(StubBackendExport.CAPABILITIES);
    r.close();
    assertThat(stub.calls).endsWith("close ");
  }

  private static boolean declares(Class<?> c, Method m) {
    try {
      c.getDeclaredMethod(m.getName(), m.getParameterTypes());
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
