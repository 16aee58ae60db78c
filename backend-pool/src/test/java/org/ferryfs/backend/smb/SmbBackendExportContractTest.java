package org.ferryfs.backend.smb;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.ferryfs.backend.Backend;
import org.ferryfs.backend.BackendConfig;
import org.ferryfs.backend.BackendExport;
import org.ferryfs.backend.BackendExportContractTest;
import org.ferryfs.backend.testing.SambaServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The backend contract over a real smbd: one server per class, a fresh export directory per test.
 * Items SMB cannot meet (symbolic links, hard links, special files, POSIX owners and modes) are
 * skipped by the kit through {@link org.ferryfs.backend.BackendCapabilities}.
 */
class SmbBackendExportContractTest extends BackendExportContractTest {
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static Path tmp;
  private static SambaServer smbd;
  private static Backend backend;

  @BeforeAll
  static void startSmbd() throws Exception {
    SambaServer.requireInstalled();
    tmp = Files.createTempDirectory("ferry-smb-contract");
    smbd = SambaServer.start(tmp.resolve("smbd"), tmp.resolve("share"), 0);
    backend = new SmbDriver().open(config(smbd));
  }

  @AfterAll
  static void stopSmbd() throws Exception {
    if (backend != null) {
      backend.close();
    }
    if (smbd != null) {
      smbd.close();
    }
    if (tmp != null) {
      SmbTesting.deleteTree(tmp);
    }
  }

  static BackendConfig config(SambaServer s) {
    return new BackendConfig(
        "smb-test",
        URI.create(s.url()),
        Map.of("username", SambaServer.USER, "password", SambaServer.PASSWORD),
        Duration.ofSeconds(10));
  }

  @Override
  protected BackendExport openExport() throws Exception {
    return backend.export("/t" + NEXT.incrementAndGet(), true);
  }

  @Override
  protected Duration timeResolution() {
    return Duration.ofNanos(100);
  }
}
