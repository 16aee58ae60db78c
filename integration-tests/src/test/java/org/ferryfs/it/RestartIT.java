package org.ferryfs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.ferryfs.nfs.v3.xdr.Fattr3;
import org.ferryfs.nfs.v3.xdr.NfsFh3;
import org.ferryfs.nfs.v3.xdr.StableHow;
import org.ferryfs.nfs.v3.xdr.WRITE3res;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File handles and directory cookies issued before a restart of Ferry work after it. */
class RestartIT {
  @TempDir Path tmp;
  FerryFixture ferry;

  @BeforeEach
  void start() throws Exception {
    ferry = FerryFixture.start(tmp);
  }

  @AfterEach
  void stop() {
    ferry.close();
  }

  @Test
  void theWriteVerifierChangesWithARestartSoClientsResendUnstableWrites() throws Exception {
    NfsFh3 file;
    long before;
    try (NfsSession s = new NfsSession(ferry.nfsPort())) {
      file = s.create(s.mount("/alpha"), "unstable.txt");
      WRITE3res w = s.nfs.write(file, 0, ByteBuffer.wrap(new byte[] {1, 2, 3}), StableHow.UNSTABLE);
      before = w.verf();
      assertThat(s.nfs.commit(file, 0, 0).verf()).isEqualTo(before);
    }
    ferry.restart();
    try (NfsSession s = new NfsSession(ferry.nfsPort())) {
      assertThat(s.nfs.commit(file, 0, 0).verf()).isNotEqualTo(before);
    }
  }

  @Test
  void handlesIssuedBeforeARestartStillWork() throws Exception {
    NfsFh3 dir;
    NfsFh3 file;
    NfsFh3 root;
    Fattr3 before;
    try (NfsSession s = new NfsSession(ferry.nfsPort())) {
      root = s.mount("/alpha");
      dir = s.mkdir(root, "kept");
      file = s.create(dir, "data.txt");
      s.write(file, "written before the restart".getBytes(StandardCharsets.UTF_8));
      before = s.nfs.getattr(file);
    }

    ferry.restart();

    try (NfsSession s = new NfsSession(ferry.nfsPort())) {
      // no new MOUNT, no LOOKUP: the old handles are used as they are
      Fattr3 after = s.nfs.getattr(file);
      assertThat(after.fileid()).isEqualTo(before.fileid());
      assertThat(after.fsid()).isEqualTo(before.fsid());
      assertThat(new String(s.read(file), StandardCharsets.UTF_8))
          .isEqualTo("written before the restart");
      NfsFh3 created = s.create(dir, "after.txt");
      s.write(created, "and after".getBytes(StandardCharsets.UTF_8));
      assertThat(s.lookup(dir, "data.txt")).isEqualTo(file);
      assertThat(s.mount("/alpha")).isEqualTo(root);
    }
    assertThat(ferry.alpha("kept/after.txt")).hasContent("and after");
  }
}
