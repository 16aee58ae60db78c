package org.ferryfs.smb.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.ferryfs.smb.wire.ByteReader;
import org.ferryfs.smb.wire.ByteWriter;

/** A minimal NTLMv2 initiator ([MS-NLMP] 3.1.5), written from the spec for tests. */
public final class NtlmTestClient {
  private final String user;
  private final String domain;
  private final String password;
  private byte[] negotiate;

  /** The exported session key after {@link #authenticate}. */
  public byte[] sessionKey;

  public NtlmTestClient(String user, String domain, String password) {
    this.user = user;
    this.domain = domain;
    this.password = password;
  }

  public byte[] negotiate() {
    int flags =
        Ntlm.NEGOTIATE_UNICODE
            | Ntlm.REQUEST_TARGET
            | Ntlm.NEGOTIATE_SIGN
            | Ntlm.NEGOTIATE_NTLM
            | Ntlm.NEGOTIATE_ALWAYS_SIGN
            | Ntlm.NEGOTIATE_EXTENDED_SESSIONSECURITY
            | Ntlm.NEGOTIATE_128
            | Ntlm.NEGOTIATE_KEY_EXCH
            | Ntlm.NEGOTIATE_56;
    negotiate = new ByteWriter().bytes(Ntlm.SIGNATURE).i32(1).i32(flags).zeros(16).toByteArray();
    return negotiate.clone();
  }

  /** AUTHENTICATE for a CHALLENGE, with a MIC (MsvAvFlags 0x2) and key exchange. */
  public byte[] authenticate(byte[] challenge) throws Exception {
    ByteReader r = new ByteReader(challenge);
    r.seek(20);
    int flags = r.i32();
    byte[] serverChallenge = r.bytes(8);
    byte[] targetInfo = Ntlm.field(r, 40);
    // target info with MsvAvFlags = MIC present inserted before EOL
    byte[] withFlags =
        new ByteWriter()
            .bytes(targetInfo, 0, targetInfo.length - 4)
            .u16(6)
            .u16(4)
            .i32(2)
            .u16(0)
            .u16(0)
            .toByteArray();
    byte[] clientChallenge = {1, 2, 3, 4, 5, 6, 7, 8};
    byte[] temp =
        new ByteWriter()
            .u8(1)
            .u8(1)
            .zeros(6)
            .i64(0x01d0000000000000L)
            .bytes(clientChallenge)
            .zeros(4)
            .bytes(withFlags)
            .zeros(4)
            .toByteArray();
    byte[] key = Ntlm.ntowfV2(Ntlm.ntHash(password), user, domain);
    byte[] proof = Crypto.hmacMd5(key, serverChallenge, temp);
    byte[] nt = new ByteWriter().bytes(proof).bytes(temp).toByteArray();
    byte[] baseKey = Crypto.hmacMd5(key, proof);
    byte[] random = new byte[16];
    Arrays.fill(random, (byte) 0x5a);
    byte[] encrypted = Crypto.rc4(baseKey, random);
    sessionKey = random;
    byte[] d = domain.getBytes(StandardCharsets.UTF_16LE);
    byte[] u = user.getBytes(StandardCharsets.UTF_16LE);
    byte[] ws = "WS".getBytes(StandardCharsets.UTF_16LE);
    byte[] lm = new byte[24];
    int off = 88;
    ByteWriter w = new ByteWriter().bytes(Ntlm.SIGNATURE).i32(3);
    off = field(w, lm.length, off);
    off = field(w, nt.length, off);
    off = field(w, d.length, off);
    off = field(w, u.length, off);
    off = field(w, ws.length, off);
    field(w, encrypted.length, off);
    w.i32(flags).bytes(Ntlm.VERSION).zeros(16);
    w.bytes(lm).bytes(nt).bytes(d).bytes(u).bytes(ws).bytes(encrypted);
    byte[] msg = w.toByteArray();
    byte[] mic = Crypto.hmacMd5(random, negotiate, challenge, msg);
    System.arraycopy(mic, 0, msg, 72, 16);
    return msg;
  }

  private static int field(ByteWriter w, int len, int off) {
    w.u16(len).u16(len).i32(off);
    return off + len;
  }
}
