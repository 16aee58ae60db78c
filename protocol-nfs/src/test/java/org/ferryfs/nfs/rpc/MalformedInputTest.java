package org.ferryfs.nfs.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.ferryfs.nfs.NfsServer;
import org.ferryfs.nfs.NfsServerConfig;
import org.ferryfs.nfs.testing.Eventually;
import org.ferryfs.nfs.testing.InMemoryFileService;
import org.ferryfs.nfs.testing.RawRpc;
import org.ferryfs.nfs.testing.RawRpc.Bytes;
import org.ferryfs.nfs.testing.RawRpc.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile and broken input over raw sockets. Each case must get the right RPC-level answer or a
 * closed connection, and a second client connected all along must keep being served.
 */
@Timeout(60)
class MalformedInputTest {

  private static final int NFS = 100003;
  private static final int MOUNT = 100005;
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static InMemoryFileService files;
  private static NfsServer server;
  private static InetSocketAddress address;

  private RawRpc.Connection bystander;
  private RawRpc.Connection conn;
  private int xid = 1;

  @BeforeAll
  static void start() throws IOException {
    files = new InMemoryFileService();
    files.addExport("alpha");
    server = new NfsServer(files, NfsServerConfig.of(InetAddress.getLoopbackAddress(), 0));
    server.start();
    address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  @BeforeEach
  void connect() throws IOException {
    bystander = new RawRpc.Connection(address);
    assertServed(bystander);
    conn = new RawRpc.Connection(address);
  }

  @AfterEach
  void close() throws IOException {
    assertServed(bystander);
    bystander.close();
    conn.close();
    // Whatever the input did, every buffer goes back once the connections are gone.
    Eventually.await("all I/O buffers returned", () -> server.leasedBuffers() == 0);
  }

  /** A NULL call on {@code c} is answered SUCCESS. */
  private void assertServed(RawRpc.Connection c) throws IOException {
    int id = xid++;
    c.sendRecord(RawRpc.call(id, NFS, 3, 0, new byte[0]));
    Reply r = c.readReply(WAIT);
    assertThat(r.xid()).isEqualTo(id);
    assertThat(r.replyStat()).isZero();
    assertThat(r.acceptStat()).isZero();
  }

  private Reply callExpectingReply(byte[] message) throws IOException {
    conn.sendRecord(message);
    return conn.readReply(WAIT);
  }

  // ------------------------------------------------------------------ record marking

  @Test
  void markerClaimingTwoGibibytesClosesTheConnection() throws IOException {
    conn.send(new Bytes().u32(0xFFFF_FFFF).toByteArray());
    assertThat(conn.closedWithin(WAIT)).isTrue();
  }

  @Test
  void nonLastMarkerClaiming0x7fffffffClosesTheConnection() throws IOException {
    conn.send(new Bytes().u32(0x7FFF_FFFF).raw(new byte[100]).toByteArray());
    assertThat(conn.closedWithin(WAIT)).isTrue();
  }

  @Test
  void endlessNonLastFragmentsCloseTheConnection() throws IOException {
    Bytes b = new Bytes();
    for (int i = 0; i < 5000; i++) {
      b.u32(4).u32(i); // non-last fragments of 4 bytes
    }
    try {
      conn.send(b.toByteArray());
    } catch (IOException e) {
      // the server may already have closed while we were still sending
    }
    assertThat(conn.closedWithin(WAIT)).isTrue();
  }

  @Test
  void fragmentsAddingUpBeyondTheRecordLimitCloseTheConnection() throws IOException {
    byte[] chunk = new byte[600 * 1024];
    try {
      conn.send(new Bytes().u32(chunk.length).raw(chunk).toByteArray());
      conn.send(new Bytes().u32(0x8000_0000 | chunk.length).toByteArray());
    } catch (IOException e) {
      // closed while sending
    }
    assertThat(conn.closedWithin(WAIT)).isTrue();
  }

  @Test
  void truncatedRecordWaitsWithoutHarmingOthers() throws IOException {
    byte[] call = RawRpc.call(77, NFS, 3, 0, new byte[0]);
    byte[] record = RawRpc.record(call);
    conn.send(java.util.Arrays.copyOf(record, record.length - 5));
    assertServed(bystander); // the half record blocks nobody
    conn.send(java.util.Arrays.copyOfRange(record, record.length - 5, record.length));
    assertThat(conn.readReply(WAIT).xid()).isEqualTo(77);
  }

  @Test
  void recordTooShortForAHeaderClosesTheConnection() throws IOException {
    conn.send(RawRpc.record(new byte[] {0, 0, 0, 1, 0, 0}));
    assertThat(conn.closedWithin(WAIT)).isTrue();
  }

  @Test
  void emptyRecordClosesTheConnection() throws IOException {
    conn.send(RawRpc.record(new byte[0]));
    assertThat(conn.closedWithin(WAIT)).isTrue();
  }

  @Test
  void multiFragmentAndPipelinedAndBytewiseRecordsWork() throws IOException {
    byte[] call = RawRpc.call(5, NFS, 3, 0, new byte[0]);
    Bytes b = new Bytes();
    b.u32(8).raw(java.util.Arrays.copyOfRange(call, 0, 8));
    b.u32(0); // an empty fragment is allowed
    b.u32(12).raw(java.util.Arrays.copyOfRange(call, 8, 20));
    b.u32(0x8000_0000 | (call.length - 20))
        .raw(java.util.Arrays.copyOfRange(call, 20, call.length));
    b.raw(RawRpc.record(RawRpc.call(6, NFS, 3, 0, new byte[0])));
    conn.send(b.toByteArray());
    java.util.Set<Integer> xids = new java.util.HashSet<>();
    xids.add(conn.readReply(WAIT).xid());
    xids.add(conn.readReply(WAIT).xid());
    assertThat(xids).containsExactlyInAnyOrder(5, 6);

    byte[] slow = RawRpc.record(RawRpc.call(9, NFS, 3, 0, new byte[0]));
    for (byte x : slow) {
      conn.send(new byte[] {x});
    }
    assertThat(conn.readReply(WAIT).xid()).isEqualTo(9);
  }

  // ------------------------------------------------------------------ RPC level answers

  @Test
  void unknownProgramIsProgUnavail() throws IOException {
    Reply r = callExpectingReply(RawRpc.call(11, 100099, 1, 0, new byte[0]));
    assertThat(r.xid()).isEqualTo(11);
    assertThat(r.replyStat()).isZero();
    assertThat(r.acceptStat()).isEqualTo(1);
    assertServed(conn);
  }

  @Test
  void wrongVersionIsProgMismatchWithTheServedRange() throws IOException {
    Reply nfs4 = callExpectingReply(RawRpc.call(12, NFS, 4, 0, new byte[0]));
    assertThat(nfs4.acceptStat()).isEqualTo(2);
    assertThat(nfs4.low()).isEqualTo(3);
    assertThat(nfs4.high()).isEqualTo(3);
    Reply mount1 = callExpectingReply(RawRpc.call(13, MOUNT, 1, 0, new byte[0]));
    assertThat(mount1.acceptStat()).isEqualTo(2);
    assertThat(mount1.low()).isEqualTo(3);
    assertThat(mount1.high()).isEqualTo(3);
    assertServed(conn);
  }

  @Test
  void unknownProcedureIsProcUnavail() throws IOException {
    assertThat(callExpectingReply(RawRpc.call(14, NFS, 3, 22, new byte[0])).acceptStat())
        .isEqualTo(3);
    assertThat(callExpectingReply(RawRpc.call(15, NFS, 3, -1, new byte[0])).acceptStat())
        .isEqualTo(3);
    assertThat(callExpectingReply(RawRpc.call(16, MOUNT, 3, 6, new byte[0])).acceptStat())
        .isEqualTo(3);
    assertServed(conn);
  }

  @Test
  void garbageArgumentsAreGarbageArgs() throws IOException {
    // GETATTR with a 65-byte handle, with a truncated handle, and with no arguments at all.
    byte[] longHandle = new Bytes().opaque(new byte[65]).toByteArray();
    assertThat(callExpectingReply(RawRpc.call(17, NFS, 3, 1, longHandle)).acceptStat())
        .isEqualTo(4);
    byte[] cut = new Bytes().u32(32).raw(new byte[8]).toByteArray();
    assertThat(callExpectingReply(RawRpc.call(18, NFS, 3, 1, cut)).acceptStat()).isEqualTo(4);
    assertThat(callExpectingReply(RawRpc.call(19, NFS, 3, 1, new byte[0])).acceptStat())
        .isEqualTo(4);
    // A bool that is neither 0 nor 1 (SETATTR's set_mode3).
    byte[] badBool = new Bytes().opaque(new byte[4]).u32(7).toByteArray();
    assertThat(callExpectingReply(RawRpc.call(20, NFS, 3, 2, badBool)).acceptStat()).isEqualTo(4);
    assertServed(conn);
  }

  @Test
  void wrongRpcVersionIsRpcMismatch() throws IOException {
    byte[] call = RawRpc.call(21, 3, NFS, 3, 0, RawRpc.AUTH_NONE, new byte[0], new byte[0]);
    Reply r = callExpectingReply(call);
    assertThat(r.xid()).isEqualTo(21);
    assertThat(r.replyStat()).isEqualTo(1);
    assertThat(r.rejectStat()).isZero();
    assertThat(r.low()).isEqualTo(2);
    assertThat(r.high()).isEqualTo(2);
    assertServed(conn);
  }

  @Test
  void unknownOrBrokenCredentialsAreAuthErrors() throws IOException {
    for (int flavor : new int[] {2, 3, 6, 7, 390003, -1}) {
      Reply r = callExpectingReply(RawRpc.call(22, 2, NFS, 3, 0, flavor, new byte[8], new byte[0]));
      assertThat(r.replyStat()).as("flavor %d", flavor).isEqualTo(1);
      assertThat(r.rejectStat()).isEqualTo(1);
      assertThat(r.authStat()).isEqualTo(1); // AUTH_BADCRED
    }
    byte[] seventeenGroups = RawRpc.authSysBody(0, 0, new int[17]);
    Reply groups =
        callExpectingReply(
            RawRpc.call(23, 2, NFS, 3, 0, RawRpc.AUTH_SYS, seventeenGroups, new byte[0]));
    assertThat(groups.rejectStat()).isEqualTo(1);
    byte[] longName = new Bytes().u32(0).string("h".repeat(256)).u32(0).u32(0).u32(0).toByteArray();
    assertThat(
            callExpectingReply(
                    RawRpc.call(24, 2, NFS, 3, 0, RawRpc.AUTH_SYS, longName, new byte[0]))
                .rejectStat())
        .isEqualTo(1);
    byte[] trailing = new Bytes().raw(RawRpc.authSysBody(0, 0)).u32(0).toByteArray();
    assertThat(
            callExpectingReply(
                    RawRpc.call(25, 2, NFS, 3, 0, RawRpc.AUTH_SYS, trailing, new byte[0]))
                .rejectStat())
        .isEqualTo(1);
    byte[] credTooLong =
        new Bytes()
            .u32(25)
            .u32(0)
            .u32(2)
            .u32(NFS)
            .u32(3)
            .u32(0)
            .u32(1)
            .u32(401)
            .raw(new byte[404])
            .u32(0)
            .u32(0)
            .toByteArray();
    Reply tooLong = callExpectingReply(credTooLong);
    assertThat(tooLong.rejectStat()).isEqualTo(1);
    assertThat(tooLong.authStat()).isEqualTo(1);
    byte[] verfTooLong =
        new Bytes()
            .u32(26)
            .u32(0)
            .u32(2)
            .u32(NFS)
            .u32(3)
            .u32(0)
            .u32(0)
            .u32(0)
            .u32(0)
            .u32(500)
            .raw(new byte[500])
            .toByteArray();
    Reply badVerf = callExpectingReply(verfTooLong);
    assertThat(badVerf.rejectStat()).isEqualTo(1);
    assertThat(badVerf.authStat()).isEqualTo(3); // AUTH_BADVERF
    // AUTH_NONE is fine.
    Reply none =
        callExpectingReply(
            RawRpc.call(27, 2, NFS, 3, 0, RawRpc.AUTH_NONE, new byte[0], new byte[0]));
    assertThat(none.replyStat()).isZero();
    assertThat(none.acceptStat()).isZero();
    assertServed(conn);
  }

  @Test
  void aReplySentToTheServerClosesTheConnection() throws IOException {
    byte[] reply = new Bytes().u32(30).u32(RawRpc.REPLY).u32(0).u32(0).u32(0).u32(0).toByteArray();
    conn.sendRecord(reply);
    assertThat(conn.closedWithin(WAIT)).isTrue();
  }

  @Test
  void unknownMessageTypeClosesTheConnection() throws IOException {
    conn.sendRecord(new Bytes().u32(31).u32(2).u32(2).toByteArray());
    assertThat(conn.closedWithin(WAIT)).isTrue();
  }
}
