package org.ferryfs.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Debian's libnfs-utils command-line clients ({@code nfs-ls}, {@code nfs-cp}, {@code nfs-cat}). */
final class LibNfs {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private final int port;

  LibNfs(int port) {
    this.port = port;
  }

  /** Skips the test, saying why, when the tools are not installed (./run-tests installs them). */
  static void requireInstalled() {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/nfs-ls")),
        "libnfs-utils is not installed (./run-tests installs it)");
  }

  /** An NFSv3 URL for {@code path} ({@code /export/dir/file}) on this Ferry. */
  String url(String path) {
    return "nfs://127.0.0.1" + path + "?version=3&nfsport=" + port + "&mountport=" + port;
  }

  Run.Result ls(String path) throws IOException, InterruptedException {
    return Run.run(TIMEOUT, List.of("nfs-ls", url(path)));
  }

  Run.Result cp(String from, String to) throws IOException, InterruptedException {
    return Run.run(TIMEOUT, List.of("nfs-cp", from, to));
  }

  Run.Result cat(String path) throws IOException, InterruptedException {
    return Run.run(TIMEOUT, List.of("nfs-cat", url(path)));
  }
}
