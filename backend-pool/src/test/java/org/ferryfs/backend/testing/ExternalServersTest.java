package org.ferryfs.backend.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real-server fixtures start, serve, and stop what they started. */
class ExternalServersTest {
  @TempDir Path tmp;

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void sambaServesItsShareToSmbclient() throws Exception {
    Files.createDirectories(tmp.resolve("share"));
    Files.writeString(tmp.resolve("share/hello.txt"), "hi");
    try (SambaServer smbd = SambaServer.start(tmp.resolve("smbd"), tmp.resolve("share"), 0)) {
      String ls =
          run(
              "smbclient",
              "-p",
              "" + smbd.port(),
              "//127.0.0.1/" + SambaServer.SHARE,
              "-U",
              SambaServer.USER + "%" + SambaServer.PASSWORD,
              "-c",
              "ls");
      assertThat(ls).contains("hello.txt");
      smbd.kill();
      assertThat(ExternalProcess.accepts(smbd.port())).isFalse();
      smbd.restart();
      assertThat(ExternalProcess.accepts(smbd.port())).isTrue();
    }
  }

  @Test
  void ganeshaServesItsExportToNfsLs() throws Exception {
    Files.createDirectories(tmp.resolve("export"));
    Files.writeString(tmp.resolve("export/hello.txt"), "hi");
    try (GaneshaServer g = GaneshaServer.start(tmp.resolve("ganesha"), tmp.resolve("export"))) {
      String ls =
          run(
              "nfs-ls",
              "nfs://127.0.0.1"
                  + g.exportPath()
                  + "?version=3&nfsport="
                  + g.nfsPort()
                  + "&mountport="
                  + g.mountPort());
      assertThat(ls).contains("hello.txt");
    }
  }
}
