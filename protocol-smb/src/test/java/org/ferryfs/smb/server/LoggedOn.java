package org.ferryfs.smb.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.ferryfs.smb.auth.NtlmTestClient;
import org.ferryfs.smb.wire.ByteReader;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.NtStatus;
import org.ferryfs.smb.wire.Smb2Header;

/**
 * A connection logged on over 3.1.1 (signed) with an IPC$ tree connect, driven through the real
 * dispatcher by signed (compounded) requests; for tests of the dispatcher and of handlers that fail
 * before they reach the core.
 */
final class LoggedOn {
  static final int CLOSE = 6;
  static final int READ = 8;
  static final int QUERY_INFO = 16;
  static final int TREE = 7;
  static final long ALL_ONES = -1L;

  final SmbConnectionTest.FakeIo io = new SmbConnectionTest.FakeIo();
  final SmbConnection c;
  final long sid;
  private long mid = 3;

  LoggedOn() throws Exception {
    this(SmbConnectionTest.SERVER);
  }

  LoggedOn(ServerContext server) throws Exception {
    c = new SmbConnection(server, io);
    c.process(SmbConnectionTest.negotiate311());
    NtlmTestClient client = new NtlmTestClient("alice", "WORKGROUP", "Secret-1");
    c.process(SmbConnectionTest.sessionSetup(1, 0, client.negotiate()));
    sid = SmbConnectionTest.reply(io, 1).sessionId();
    c.process(
        SmbConnectionTest.sessionSetup(
            2, sid, client.authenticate(SmbConnectionTest.securityBuffer(io.sent.get(1)))));
    assertThat(SmbConnectionTest.reply(io, 2).status()).isEqualTo(NtStatus.STATUS_SUCCESS);
    c.sessions.get(sid).trees.put(TREE, new TreeConnect(TREE, "IPC$", null, false));
    io.sent.clear();
  }

  /** One request of a chain: command, session id, related flag, body. */
  record Part(int command, long sessionId, boolean related, byte[] body) {}

  Part close(long sessionId, boolean related) {
    byte[] body = new ByteWriter().u16(24).u16(0).i32(0).i64(ALL_ONES).i64(ALL_ONES).toByteArray();
    return new Part(CLOSE, sessionId, related, body);
  }

  /** Puts a file open (no backend object behind it) with the given granted access. */
  Open fileOpen(long volatileId, int access) {
    return fileOpen(volatileId, access, null);
  }

  /** The same with a backend object behind it (no FileService is wired: it must not be used). */
  Open fileOpen(long volatileId, int access, org.ferryfs.frontend.FileRef ref) {
    Open o =
        new Open(
            new org.ferryfs.smb.wire.Smb2FileId(volatileId, volatileId),
            sid,
            TREE,
            ref,
            false,
            access,
            null,
            "f",
            "f");
    c.opens.put(volatileId, o);
    return o;
  }

  /** Builds the chain (8-byte aligned, NextCommand set), each part signed with the session. */
  byte[] chain(Part... parts) {
    ByteWriter all = new ByteWriter();
    for (int i = 0; i < parts.length; i++) {
      Part p = parts[i];
      int flags = Smb2Header.FLAGS_SIGNED | (p.related() ? Smb2Header.FLAGS_RELATED_OPERATIONS : 0);
      ByteWriter w = new ByteWriter();
      new Smb2Header(1, 0, p.command(), 1, flags, 0, mid++, 0, TREE, p.sessionId(), null).encode(w);
      w.bytes(p.body());
      byte[] b = w.toByteArray();
      if (i < parts.length - 1) {
        b = java.util.Arrays.copyOf(b, (b.length + 7) & ~7);
        putI32(b, 20, b.length);
      }
      c.sessions.get(sid).signer.sign(b, 0, b.length);
      all.bytes(b);
    }
    return all.toByteArray();
  }

  private static void putI32(byte[] b, int at, int v) {
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) (v >>> (8 * i));
    }
  }

  /** Sends one message and returns the replies in it, checking its framing on the way. */
  List<byte[]> send(Part... parts) throws Exception {
    io.sent.clear();
    c.process(chain(parts));
    assertThat(io.sent).hasSize(1);
    assertThat(io.closed).isFalse();
    byte[] m = io.sent.get(0);
    List<byte[]> out = new ArrayList<>();
    int off = 0;
    while (true) {
      Smb2Header h = Smb2Header.decode(new ByteReader(m, off, m.length));
      int end = h.nextCommand() == 0 ? m.length : off + h.nextCommand();
      out.add(java.util.Arrays.copyOfRange(m, off, end));
      if (h.nextCommand() == 0) {
        break;
      }
      assertThat(h.nextCommand() % 8).as("NextCommand is 8-byte aligned").isZero();
      off = end;
    }
    return out;
  }

  /** The statuses of the replies to one message. */
  List<Integer> statuses(Part... parts) throws Exception {
    List<Integer> out = new ArrayList<>();
    for (byte[] r : send(parts)) {
      out.add(Smb2Header.decode(new ByteReader(r)).status());
    }
    return out;
  }
}
