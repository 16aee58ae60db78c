package org.ferryfs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import org.ferryfs.nfs.v3.xdr.NfsFh3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed input against a whole Ferry: each gets the RPC-level answer RFC 5531 prescribes (or a
 * closed connection), and a well-behaved client connected all along keeps being served.
 */
class MalformedInputIT {
  private static final int AUTH_NONE = 0;
  private static final int AUTH_SYS = 1;

  @TempDir static Path tmp;
  static FerryFixture ferry;
  static NfsSession bystander;
  static NfsFh3 bystanderRoot;

  @BeforeAll
  static void start() throws Exception {
    ferry = FerryFixture.start(tmp);
    bystander = new NfsSession(ferry.nfsPort());
    bystanderRoot = bystander.mount("/alpha");
  }

  @AfterAll
  static void stop() throws Exception {
    bystander.close();
    ferry.close();
  }

  /** The client that behaves is still served, on its own long-lived connection. */
  private static void bystanderStillServed() throws Exception {
    assertThat(bystander.nfs.getattr(bystanderRoot)).isNotNull();
  }

  @Test
  void unknownProgramGetsProgUnavail() throws Exception {
    try (RawRpc c = new RawRpc(ferry.nfsPort())) {
      c.sendRecord(RawRpc.call(1, 2, 400_000, 1, 0, AUTH_NONE, new byte[0]));
      RawRpc.Reply r = c.readReply();
      assertThat(r.xid()).isEqualTo(1);
      assertThat(r.accepted()).isTrue();
      assertThat(r.stat()).isEqualTo(1); // PROG_UNAVAIL
    }
    bystanderStillServed();
  }

  @Test
  void wrongVersionGetsProgMismatchWithTheRange() throws Exception {
    try (RawRpc c = new RawRpc(ferry.nfsPort())) {
      c.sendRecord(RawRpc.call(2, 2, RawRpc.NFS_PROGRAM, 4, 0, AUTH_NONE, new byte[0]));
      RawRpc.Reply r = c.readReply();
      assertThat(r.stat()).isEqualTo(2); // PROG_MISMATCH
      assertThat(r.low()).isEqualTo(3);
      assertThat(r.high()).isEqualTo(3);
    }
    bystanderStillServed();
  }

  @Test
  void unknownProcedureGetsProcUnavail() throws Exception {
    try (RawRpc c = new RawRpc(ferry.nfsPort())) {
      c.sendRecord(RawRpc.call(3, 2, RawRpc.NFS_PROGRAM, 3, 99, AUTH_NONE, new byte[0]));
      assertThat(c.readReply().stat()).isEqualTo(3); // PROC_UNAVAIL
    }
    bystanderStillServed();
  }

  @Test
  void garbageArgumentsGetGarbageArgs() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(b);
    d.writeInt(1_000_000); // a file handle claiming a megabyte (NFS3_FHSIZE is 64)
    d.writeInt(0xdeadbeef);
    try (RawRpc c = new RawRpc(ferry.nfsPort())) {
      c.sendRecord(RawRpc.call(4, 2, RawRpc.NFS_PROGRAM, 3, 1, AUTH_NONE, b.toByteArray()));
      assertThat(c.readReply().stat()).isEqualTo(4); // GARBAGE_ARGS
      // truncated arguments: a LOOKUP with nothing after the header
      c.sendRecord(RawRpc.call(5, 2, RawRpc.NFS_PROGRAM, 3, 3, AUTH_NONE, new byte[0]));
      assertThat(c.readReply().stat()).isEqualTo(4);
    }
    bystanderStillServed();
  }

  @Test
  void wrongRpcVersionIsDenied() throws Exception {
    try (RawRpc c = new RawRpc(ferry.nfsPort())) {
      c.sendRecord(RawRpc.call(6, 3, RawRpc.NFS_PROGRAM, 3, 0, AUTH_NONE, new byte[0]));
      RawRpc.Reply r = c.readReply();
      assertThat(r.accepted()).isFalse();
      assertThat(r.stat()).isEqualTo(0); // RPC_MISMATCH
      assertThat(r.low()).isEqualTo(2);
      assertThat(r.high()).isEqualTo(2);
    }
    bystanderStillServed();
  }

  @Test
  void unknownAuthFlavorIsDenied() throws Exception {
    try (RawRpc c = new RawRpc(ferry.nfsPort())) {
      c.sendRecord(RawRpc.call(7, 2, RawRpc.NFS_PROGRAM, 3, 0, 77, new byte[0]));
      RawRpc.Reply r = c.readReply();
      assertThat(r.accepted()).isFalse();
      assertThat(r.stat()).isEqualTo(1); // AUTH_ERROR
    }
    bystanderStillServed();
  }

  @Test
  void malformedAuthSysCredentialIsNotAccepted() throws Exception {
    // AUTH_SYS flavor with a zero-length body: the credential cannot be decoded
    try (RawRpc c = new RawRpc(ferry.nfsPort())) {
      c.sendRecord(RawRpc.call(8, 2, RawRpc.NFS_PROGRAM, 3, 0, AUTH_SYS, new byte[0]));
      RawRpc.Reply r;
      try {
        r = c.readReply();
      } catch (java.io.IOException closed) {
        r = null; // a closed connection is an acceptable answer to an undecodable credential
      }
      if (r != null) {
        assertThat(r.accepted()).isFalse();
        assertThat(r.stat()).isEqualTo(1); // AUTH_ERROR
      }
    }
    bystanderStillServed();
  }

  @Test
  void anAbsurdRecordLengthClosesTheConnectionWithoutAllocating() throws Exception {
    try (RawRpc c = new RawRpc(ferry.nfsPort())) {
      c.sendRaw(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3, 4});
      assertThat(c.closedByServer()).isTrue();
    }
    bystanderStillServed();
  }

  @Test
  void endlessNonLastFragmentsCloseTheConnection() throws Exception {
    try (RawRpc c = new RawRpc(ferry.nfsPort())) {
      byte[] fragment = new byte[4 + 65536];
      fragment[0] = 0;
      fragment[1] = 1; // 65536 bytes, not the last fragment
      boolean closed = false;
      for (int i = 0; i < 64 && !closed; i++) {
        try {
          c.sendRaw(fragment);
        } catch (java.io.IOException e) {
          closed = true;
        }
      }
      assertThat(closed || c.closedByServer()).isTrue();
    }
    bystanderStillServed();
  }

  @Test
  void aTruncatedRecordAndAReplyMessageDoNoHarm() throws Exception {
    try (RawRpc c = new RawRpc(ferry.nfsPort())) {
      c.sendRaw(
          new byte[] {(byte) 0x80, 0, 0, 100, 1, 2, 3}); // promises 100 bytes, sends 3, leaves
    }
    try (RawRpc c = new RawRpc(ferry.nfsPort())) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      DataOutputStream d = new DataOutputStream(b);
      d.writeInt(9);
      d.writeInt(1); // REPLY sent to a server
      d.writeInt(0);
      c.sendRecord(b.toByteArray());
      // then a proper NULL on the same connection is still answered, or the connection is closed
      // (which the client may notice on the send or on the read)
      try {
        c.sendRecord(RawRpc.call(10, 2, RawRpc.NFS_PROGRAM, 3, 0, AUTH_NONE, new byte[0]));
        RawRpc.Reply r = c.readReply();
        assertThat(r.xid()).isEqualTo(10);
        assertThat(r.stat()).isEqualTo(0);
      } catch (java.io.IOException closed) {
        // closing a connection that sent a REPLY is also acceptable
      }
    }
    bystanderStillServed();
  }
}
