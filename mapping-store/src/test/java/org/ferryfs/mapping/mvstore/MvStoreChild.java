package org.ferryfs.mapping.mvstore;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.ferryfs.mapping.ExportMapping;
import org.ferryfs.mapping.MappingStoreException;

/**
 * The second JVM that {@link MvStoreMappingStoreTest} starts. One line per result on stdout:
 *
 * <ul>
 *   <li>{@code fill <file>}: opens the store and creates mappings {@code e0, e1, ...} until killed,
 *       printing {@code ACK <name> <index> OK} after each create has returned.
 *   <li>{@code probe <file>}: tries to open the store; prints {@code OPENED} or {@code FAILED
 *       <message>}, then exits.
 * </ul>
 *
 * <p>It exits on its own when its stdin closes, so it never outlives a parent that died.
 */
public final class MvStoreChild {
  private MvStoreChild() {}

  public static void main(String[] args) throws Exception {
    Thread watchdog =
        new Thread(
            () -> {
              try {
                while (System.in.read() >= 0) {
                  // the parent never writes; EOF means it is gone
                }
              } catch (IOException e) {
                // treat like EOF
              }
              Runtime.getRuntime().halt(3);
            },
            "parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();

    // Unbuffered below the PrintStream, so each line leaves in one write when println returns.
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    Path file = Path.of(args[1]);
    switch (args[0]) {
      case "fill" -> fill(file, out);
      case "probe" -> probe(file, out);
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  private static void fill(Path file, PrintStream out) throws Exception {
    MvStoreMappingStore store = MvStoreMappingStore.open(file);
    for (int i = 0; ; i++) {
      String name = "e" + i;
      ExportMapping m =
          store.create(ExportMapping.draft(name, "nas1", "/" + name, List.of("10.0.0.1"), false));
      out.println("ACK " + name + " " + m.exportIndex() + " OK");
    }
  }

  private static void probe(Path file, PrintStream out) {
    try (MvStoreMappingStore store = MvStoreMappingStore.open(file)) {
      out.println("OPENED " + store.list().size());
    } catch (MappingStoreException e) {
      out.println("FAILED " + e.getMessage());
    }
  }
}
