package org.ferryfs.smb.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ferryfs.smb.SmbServerConfig;
import org.ferryfs.smb.SmbUser;
import org.ferryfs.smb.auth.NtlmTestClient;
import org.ferryfs.smb.wire.ByteReader;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.NtStatus;
import org.ferryfs.smb.wire.Smb2Header;
import org.junit.jupiter.api.Test;

/**
 * A connection driven message by message with a fake transport: the pre-authentication surface
 * (NEGOTIATE, SESSION_SETUP) end to end, and a seeded mutation run over it.
 */
class SmbConnectionTest {
  static final ServerContext SERVER =
      new ServerContext(
          null,
          SmbServerConfig.of(
              InetAddress.getLoopbackAddress(),
              0,
              true,
              List.of(SmbUser.withPassword("alice", "Secret-1", 0, 0))),
          Clock.systemUTC());

  /** Records what the connection sends. */
  static final class FakeIo implements ConnectionIo {
    final List<byte[]> sent = new ArrayList<>();
    boolean closed;

    @Override
    public void send(byte[] message) {
      sent.add(message);
    }

    @Override
    public void close() {
      closed = true;
    }

    @Override
    public InetSocketAddress remote() {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    }
  }

  static ByteWriter header(int command, long messageId, long sessionId) {
    ByteWriter w = new ByteWriter();
    new Smb2Header(1, 0, command, 32, 0, 0, messageId, 0, 0, sessionId, null).encode(w);
    return w;
  }

  static byte[] negotiate311() {
    ByteWriter w = header(0, 0, 0);
    w.u16(36).u16(2).u16(1).u16(0).i32(0x7f).bytes(new byte[16]);
    w.i32(104).u16(1).u16(0); // contexts right after the two dialects (64 + 36 + 4)
    w.u16(0x0202).u16(0x0311);
    w.align(8);
    w.u16(1).u16(38).i32(0).u16(1).u16(32).u16(1).bytes(new byte[32]);
    return w.toByteArray();
  }

  /** 3.1.1 NEGOTIATE offering AES-128-GCM and AES-128-CCM in ENCRYPTION_CAPABILITIES. */
  static byte[] negotiate311Encrypting() {
    ByteWriter w = header(0, 0, 0);
    w.u16(36).u16(2).u16(1).u16(0).i32(0x7f).bytes(new byte[16]);
    w.i32(104).u16(2).u16(0);
    w.u16(0x0202).u16(0x0311);
    w.align(8);
    w.u16(1).u16(38).i32(0).u16(1).u16(32).u16(1).bytes(new byte[32]);
    w.align(8);
    w.u16(2).u16(6).i32(0).u16(2).u16(2).u16(1);
    return w.toByteArray();
  }

  static byte[] sessionSetup(long messageId, long sessionId, byte[] token) {
    ByteWriter w = header(1, messageId, sessionId);
    w.u16(25).u8(0).u8(1).i32(0).i32(0).u16(88).u16(token.length).i64(0).bytes(token);
    return w.toByteArray();
  }

  static Smb2Header reply(FakeIo io, int i) throws Exception {
    return Smb2Header.decode(new ByteReader(io.sent.get(i)));
  }

  static byte[] securityBuffer(byte[] reply) throws Exception {
    ByteReader r = new ByteReader(reply);
    r.seek(64 + 4);
    int off = r.u16();
    int len = r.u16();
    return r.slice(off, len);
  }

  @Test
  void negotiatesAndAuthenticatesOn311() throws Exception {
    FakeIo io = new FakeIo();
    SmbConnection c = new SmbConnection(SERVER, io);
    c.process(negotiate311());
    Smb2Header h = reply(io, 0);
    assertThat(h.status()).isEqualTo(NtStatus.STATUS_SUCCESS);
    ByteReader r = new ByteReader(io.sent.get(0));
    r.seek(64 + 4);
    assertThat(r.u16()).isEqualTo(0x0311);

    NtlmTestClient client = new NtlmTestClient("alice", "WORKGROUP", "Secret-1");
    c.process(sessionSetup(1, 0, client.negotiate()));
    Smb2Header h1 = reply(io, 1);
    assertThat(h1.status()).isEqualTo(NtStatus.STATUS_MORE_PROCESSING_REQUIRED);
    byte[] challenge = securityBuffer(io.sent.get(1));
    c.process(sessionSetup(2, h1.sessionId(), client.authenticate(challenge)));
    Smb2Header h2 = reply(io, 2);
    assertThat(h2.status()).isEqualTo(NtStatus.STATUS_SUCCESS);
    assertThat(h2.isSigned()).as("3.1.1 signs the final SESSION_SETUP response").isTrue();
    assertThat(io.closed).isFalse();
  }

  /** Negotiates 3.1.1 with a cipher and logs on; returns the session id. */
  static long logOnEncrypting(SmbConnection c, FakeIo io) throws Exception {
    c.process(negotiate311Encrypting());
    NtlmTestClient client = new NtlmTestClient("alice", "WORKGROUP", "Secret-1");
    c.process(sessionSetup(1, 0, client.negotiate()));
    long sid = reply(io, 1).sessionId();
    c.process(sessionSetup(2, sid, client.authenticate(securityBuffer(io.sent.get(1)))));
    assertThat(reply(io, 2).status()).isEqualTo(NtStatus.STATUS_SUCCESS);
    return sid;
  }

  static byte[] echo(long messageId, long sessionId) {
    return header(13, messageId, sessionId).u16(4).u16(0).toByteArray();
  }

  @Test
  void anEncryptedRequestGetsAnEncryptedReply() throws Exception {
    FakeIo io = new FakeIo();
    SmbConnection c = new SmbConnection(SERVER, io);
    long sid = logOnEncrypting(c, io);
    assertThat(c.cipher).isEqualTo(org.ferryfs.smb.auth.Smb2Cipher.AES_128_GCM);
    var client = c.sessions.get(sid).encryption.clientView();
    c.process(client.encrypt(echo(3, sid), sid));
    byte[] sealed = io.sent.get(3);
    assertThat(org.ferryfs.smb.wire.Smb2TransformHeader.isTransform(sealed)).isTrue();
    byte[] plain = client.decrypt(sealed);
    Smb2Header h = Smb2Header.decode(new ByteReader(plain));
    assertThat(h.status()).isEqualTo(NtStatus.STATUS_SUCCESS);
    assertThat(h.messageId()).isEqualTo(3);
    assertThat(h.isSigned()).as("an encrypted reply is not signed").isFalse();

    byte[] tampered = client.encrypt(echo(4, sid), sid);
    tampered[tampered.length - 1] ^= 1;
    c.process(tampered);
    assertThat(io.closed).as("a message that does not decrypt closes the connection").isTrue();
  }

  @Test
  void mutatedEncryptedMessagesNeverThrow() throws Exception {
    int iterations = Integer.getInteger("ferry.fuzz.iterations", 20000) / 4;
    Random rnd = new Random(5);
    FakeIo io = new FakeIo();
    SmbConnection c = new SmbConnection(SERVER, io);
    long sid = logOnEncrypting(c, io);
    Session session = c.sessions.get(sid);
    var client = session.encryption.clientView();
    for (int i = 0; i < iterations; i++) {
      FakeIo io2 = new FakeIo();
      SmbConnection c2 = new SmbConnection(SERVER, io2);
      c2.dialect = 0x0311;
      c2.cipher = c.cipher;
      c2.credits.grant(64);
      c2.sessions.put(sid, session);
      // Mutate either the plaintext (a well-encrypted hostile request) or the ciphertext.
      byte[] plain = echo(1 + rnd.nextInt(3), sid);
      boolean inner = rnd.nextBoolean();
      if (inner) {
        for (int f = 1 + rnd.nextInt(6); f > 0; f--) {
          plain[rnd.nextInt(plain.length)] = (byte) rnd.nextInt(256);
        }
      }
      byte[] m = client.encrypt(plain, sid);
      if (!inner) {
        for (int f = 1 + rnd.nextInt(6); f > 0; f--) {
          m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
        }
        if (rnd.nextInt(6) == 0) {
          m = java.util.Arrays.copyOf(m, rnd.nextInt(m.length));
        }
      }
      c2.process(m); // must answer or close, never throw
      boolean cancel = plain[12] == 0x0C && plain[13] == 0;
      assertThat(io2.closed || !io2.sent.isEmpty() || cancel).as("iteration " + i).isTrue();
    }
  }

  @Test
  void aWrongPasswordGetsLogonFailure() throws Exception {
    FakeIo io = new FakeIo();
    SmbConnection c = new SmbConnection(SERVER, io);
    c.process(negotiate311());
    NtlmTestClient client = new NtlmTestClient("alice", "WORKGROUP", "nope");
    c.process(sessionSetup(1, 0, client.negotiate()));
    Smb2Header h1 = reply(io, 1);
    c.process(sessionSetup(2, h1.sessionId(), client.authenticate(securityBuffer(io.sent.get(1)))));
    assertThat(reply(io, 2).status()).isEqualTo(NtStatus.STATUS_LOGON_FAILURE);
  }

  @Test
  void aRequestBeforeNegotiateOrWithAnUngrantedIdClosesTheConnection() {
    FakeIo io = new FakeIo();
    new SmbConnection(SERVER, io).process(sessionSetup(0, 0, new byte[8]));
    assertThat(io.closed).isTrue();
    FakeIo io2 = new FakeIo();
    SmbConnection c = new SmbConnection(SERVER, io2);
    c.process(negotiate311());
    c.process(sessionSetup(5000, 0, new byte[8]));
    assertThat(io2.closed).isTrue();
  }

  @Test
  void mutatedPreAuthMessagesNeverThrow() throws Exception {
    int iterations = Integer.getInteger("ferry.fuzz.iterations", 20000);
    Random rnd = new Random(3);
    NtlmTestClient client = new NtlmTestClient("alice", "WORKGROUP", "Secret-1");
    byte[] neg = negotiate311();
    byte[] setup1 = sessionSetup(1, 0, client.negotiate());
    for (int i = 0; i < iterations; i++) {
      FakeIo io = new FakeIo();
      SmbConnection c = new SmbConnection(SERVER, io);
      boolean second = rnd.nextBoolean();
      byte[] m = (second ? setup1 : neg).clone();
      if (second) {
        c.process(negotiate311());
      }
      int flips = 1 + rnd.nextInt(8);
      for (int f = 0; f < flips; f++) {
        m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
      }
      if (rnd.nextInt(8) == 0) {
        m = java.util.Arrays.copyOf(m, rnd.nextInt(m.length));
      }
      int before = io.sent.size();
      c.process(m); // must answer or close, never throw
      boolean cancel = m.length >= 14 && m[12] == 0x0C && m[13] == 0; // CANCEL has no reply
      assertThat(io.closed || io.sent.size() > before || cancel).as("iteration " + i).isTrue();
    }
  }
}
