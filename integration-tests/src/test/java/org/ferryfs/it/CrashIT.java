package org.ferryfs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ferryfs.nfs.v3.xdr.NfsFh3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ferry killed with SIGKILL (no shutdown hook, nothing flushed) and started again: every file
 * handle and every export it acknowledged before it died still works.
 */
class CrashIT {
  @TempDir Path tmp;

  @Test
  void handlesAndExportsAcknowledgedBeforeAKill9SurviveIt() throws Exception {
    int nfs = FerryProcess.freePort();
    int admin = FerryProcess.freePort();
    Path config = FerryProcess.writeConfig(tmp, nfs, admin, "");

    List<NfsFh3> handles = new ArrayList<>();
    NfsFh3 root;
    NfsFh3 dir;
    try (FerryProcess ferry = FerryProcess.start(tmp, "serve", "--config", config.toString())) {
      ferry.awaitOutput("Ferry is serving");
      assertThat(
              CliIT.cli("export", "add", "late", "--backend", "a", "--config", config.toString())
                  .exit())
          .isZero();
      try (NfsSession s = new NfsSession(nfs)) {
        root = s.mount("/alpha");
        dir = s.mkdir(root, "d");
        for (int i = 0; i < 300; i++) {
          NfsFh3 f = s.create(dir, "f" + i);
          handles.add(f);
          if (i % 50 == 0) {
            s.write(f, ("content " + i).getBytes(StandardCharsets.UTF_8));
          }
        }
        // renamed just before the crash: the handle must follow the new name
        s.nfs.rename(dir, "f7", root, "moved");
        // the kill lands right after the last acknowledged reply
        ferry.kill();
      }
    }

    try (FerryProcess ferry = FerryProcess.start(tmp, "serve", "--config", config.toString())) {
      ferry.awaitOutput("Ferry is serving");
      try (NfsSession s = new NfsSession(nfs)) {
        for (int i = 0; i < handles.size(); i++) {
          assertThat(s.nfs.getattr(handles.get(i))).as("handle of f%d", i).isNotNull();
        }
        assertThat(new String(s.read(handles.get(50)), StandardCharsets.UTF_8))
            .isEqualTo("content 50");
        assertThat(s.lookup(root, "moved")).isEqualTo(handles.get(7));
        assertThat(s.lookup(dir, "f299")).isEqualTo(handles.get(299));
        assertThat(s.mount("/late")).isNotNull();
      }
      assertThat(ferry.terminate()).isIn(0, 143);
    }
  }
}
