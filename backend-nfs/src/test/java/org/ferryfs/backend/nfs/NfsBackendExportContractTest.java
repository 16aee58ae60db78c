package org.ferryfs.backend.nfs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.ferryfs.backend.Backend;
import org.ferryfs.backend.BackendConfig;
import org.ferryfs.backend.BackendExport;
import org.ferryfs.backend.BackendExportContractTest;
import org.ferryfs.backend.testing.GaneshaServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend contract against a real nfs-ganesha (VFS FSAL) on loopback: one server and one
 * backend per class, a fresh export directory per test.
 */
class NfsBackendExportContractTest extends BackendExportContractTest {

  private static final byte[] SECRET =
      "TOP SECRET: must never be read through an export".getBytes(UTF_8);
  private static final AtomicInteger EXPORTS = new AtomicInteger();

  @TempDir static Path tmp;

  private static GaneshaServer ganesha;
  private static Backend backend;

  @BeforeAll
  static void startGanesha() throws Exception {
    GaneshaServer.requireInstalled();
    ganesha = GaneshaServer.start(tmp.resolve("ganesha"), tmp.resolve("served"));
    Path outside = ganesha.exportDir().resolve("outside");
    Files.createDirectories(outside);
    Files.write(outside.resolve("secret"), SECRET);
    Files.setAttribute(outside.resolve("secret"), "unix:mode", 0600);
    backend =
        new NfsDriver()
            .open(new BackendConfig("nfs-contract", URI.create(ganesha.url()), Map.of()));
  }

  @AfterAll
  static void stopGanesha() throws Exception {
    if (backend != null) {
      backend.close();
    }
    if (ganesha != null) {
      ganesha.close();
    }
  }

  @Override
  protected BackendExport openExport() throws Exception {
    return backend.export("/t" + EXPORTS.incrementAndGet(), true);
  }

  private static Path outsideDir() {
    return ganesha.exportDir().resolve("outside");
  }

  @Override
  protected Optional<Outside> outside() {
    return Optional.of(
        new Outside(
            outsideDir().toString(), "../outside", "secret", SECRET.clone(), this::snapshot));
  }

  private Object snapshot() throws IOException {
    Map<String, String> state = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(outsideDir())) {
      for (Path p : walk.toList()) {
        Map<String, Object> a =
            Files.readAttributes(p, "unix:mode,uid,gid,size,lastModifiedTime,ino", NOFOLLOW_LINKS);
        String content =
            Files.isRegularFile(p, NOFOLLOW_LINKS) ? Arrays.toString(Files.readAllBytes(p)) : "";
        state.put(outsideDir().relativize(p).toString(), a + " " + content);
      }
    }
    return state;
  }
}
