package org.ferryfs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.ferryfs.backend.testing.GaneshaServer;
import org.ferryfs.config.ConfigLoader;
import org.ferryfs.server.FerryServer;
import org.ferryfs.server.FrontEnds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ferry in front of a real NFS server: an export on an {@code nfs://} backend (nfs-ganesha), driven
 * by libnfs through Ferry's own NFSv3 front end; the bytes land in ganesha's directory.
 */
class NfsBackendIT {
  @TempDir static Path tmp;
  static GaneshaServer ganesha;
  static FerryServer ferry;
  static LibNfs libnfs;

  @BeforeAll
  static void start() throws Exception {
    LibNfs.requireInstalled();
    GaneshaServer.requireInstalled();
    ganesha = GaneshaServer.start(tmp.resolve("ganesha"), tmp.resolve("served"));
    Path config = tmp.resolve("ferry.yaml");
    Files.writeString(
        config,
        """
        listen: 127.0.0.1
        state-dir: %s
        nfs:
          port: 0
        admin:
          port: 0
        backends:
          - name: g
            url: %s
            timeout: 5s
        exports:
          - name: gamma
            backend: g
        """
            .formatted(tmp.resolve("state"), ganesha.url()));
    ferry = FerryServer.start(ConfigLoader.load(config), FrontEnds.all());
    libnfs = new LibNfs(ferry.port("NFS"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (ferry != null) {
      ferry.close();
    }
    if (ganesha != null) {
      ganesha.close();
    }
  }

  @Test
  void filesGoThroughFerryToTheNfsServerAndBack() throws Exception {
    byte[] data = new byte[5 * 1024 * 1024 + 17];
    new Random(5).nextBytes(data);
    Path local = tmp.resolve("in.bin");
    Files.write(local, data);

    libnfs.cp(local.toString(), libnfs.url("/gamma/file.bin")).requireSuccess("nfs-cp in");
    assertThat(Files.readAllBytes(ganesha.exportDir().resolve("gamma/file.bin"))).isEqualTo(data);

    Path back = tmp.resolve("out.bin");
    libnfs.cp(libnfs.url("/gamma/file.bin"), back.toString()).requireSuccess("nfs-cp out");
    assertThat(Files.readAllBytes(back)).isEqualTo(data);

    Files.writeString(ganesha.exportDir().resolve("gamma/made-on-server.txt"), "hello");
    assertThat(libnfs.ls("/gamma").requireSuccess("nfs-ls").stdout())
        .contains("file.bin")
        .contains("made-on-server.txt");
  }
}
