package org.ferryfs.smb.auth;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.ferryfs.smb.wire.ByteReader;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.WireException;

/** [MS-NLMP] 2.2 message formats and 3.3.2 NTLMv2 computations. */
public final class Ntlm {
  static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);

  // [MS-NLMP] 2.2.2.5 NEGOTIATE flags
  public static final int NEGOTIATE_UNICODE = 0x00000001;
  public static final int REQUEST_TARGET = 0x00000004;
  public static final int NEGOTIATE_SIGN = 0x00000010;
  public static final int NEGOTIATE_SEAL = 0x00000020;
  public static final int NEGOTIATE_NTLM = 0x00000200;
  public static final int NEGOTIATE_ANONYMOUS = 0x00000800;
  public static final int NEGOTIATE_ALWAYS_SIGN = 0x00008000;
  public static final int TARGET_TYPE_SERVER = 0x00020000;
  public static final int NEGOTIATE_EXTENDED_SESSIONSECURITY = 0x00080000;
  public static final int NEGOTIATE_TARGET_INFO = 0x00800000;
  public static final int NEGOTIATE_VERSION = 0x02000000;
  public static final int NEGOTIATE_128 = 0x20000000;
  public static final int NEGOTIATE_KEY_EXCH = 0x40000000;
  public static final int NEGOTIATE_56 = 0x80000000;

  // [MS-NLMP] 2.2.2.1 AV_PAIR ids
  static final int MSV_AV_EOL = 0;
  static final int MSV_AV_NB_COMPUTER_NAME = 1;
  static final int MSV_AV_NB_DOMAIN_NAME = 2;
  static final int MSV_AV_DNS_COMPUTER_NAME = 3;
  static final int MSV_AV_DNS_DOMAIN_NAME = 4;
  static final int MSV_AV_FLAGS = 6;
  static final int MSV_AV_TIMESTAMP = 7;

  /** MsvAvFlags bit: the AUTHENTICATE message carries a MIC. */
  static final int AV_FLAG_MIC = 0x00000002;

  /** [MS-NLMP] 2.2.2.10 VERSION: 10.0 build 20348, NTLMSSP_REVISION_W2K3. */
  static final byte[] VERSION = {10, 0, (byte) 0x4c, (byte) 0x4f, 0, 0, 0, 0x0f};

  private Ntlm() {}

  public static boolean isNtlmssp(byte[] m) {
    if (m.length < 12) {
      return false;
    }
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (m[i] != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  /** MessageType of an NTLMSSP message. */
  static int type(byte[] m) throws WireException {
    if (!isNtlmssp(m)) {
      throw new WireException("not an NTLMSSP message");
    }
    ByteReader r = new ByteReader(m);
    r.seek(8);
    return r.i32();
  }

  /** [MS-NLMP] 2.2.1.1 NEGOTIATE_MESSAGE: its NegotiateFlags. */
  static int negotiateFlags(byte[] m) throws WireException {
    if (type(m) != 1) {
      throw new WireException("expected NTLMSSP NEGOTIATE_MESSAGE");
    }
    ByteReader r = new ByteReader(m);
    r.seek(12);
    return r.i32();
  }

  /** Reads a (Len 2, MaxLen 2, Offset 4) field descriptor and returns its payload. */
  static byte[] field(ByteReader r, int at) throws WireException {
    r.seek(at);
    int len = r.u16();
    r.skip(2);
    long off = r.u32();
    return r.slice(off, len);
  }

  /**
   * [MS-NLMP] 2.2.1.3 AUTHENTICATE_MESSAGE.
   *
   * @param ntResponse NtChallengeResponse
   * @param domain DomainName
   * @param user UserName
   * @param encryptedRandomSessionKey EncryptedRandomSessionKey
   * @param flags NegotiateFlags
   * @param mic the MIC, or {@code null} when the message has none
   * @param raw the message as received
   */
  record Authenticate(
      byte[] ntResponse,
      String domain,
      String user,
      byte[] encryptedRandomSessionKey,
      int flags,
      byte[] mic,
      byte[] raw) {

    static final int MIC_OFFSET = 72;

    static Authenticate decode(byte[] m) throws WireException {
      if (type(m) != 3) {
        throw new WireException("expected NTLMSSP AUTHENTICATE_MESSAGE");
      }
      ByteReader r = new ByteReader(m);
      byte[] nt = field(r, 20);
      byte[] domain = field(r, 28);
      byte[] user = field(r, 36);
      byte[] key = field(r, 52);
      r.seek(60);
      int flags = r.i32();
      if ((flags & NEGOTIATE_UNICODE) == 0) {
        throw new WireException("NTLMSSP without Unicode is not supported");
      }
      if ((domain.length & 1) != 0 || (user.length & 1) != 0) {
        throw new WireException("NTLMSSP names of odd length");
      }
      byte[] mic = null;
      if (nt.length > 24 && hasMicFlag(nt)) {
        r.seek(MIC_OFFSET);
        mic = r.bytes(16);
      }
      return new Authenticate(
          nt,
          new String(domain, StandardCharsets.UTF_16LE),
          new String(user, StandardCharsets.UTF_16LE),
          key,
          flags,
          mic,
          m);
    }
  }

  /** True if the NTLMv2 client blob's AV pairs have MsvAvFlags with the MIC bit. */
  static boolean hasMicFlag(byte[] ntResponse) throws WireException {
    // NTProofStr (16), then NTLMv2_CLIENT_CHALLENGE: 28 fixed bytes, then AV pairs.
    ByteReader r = new ByteReader(ntResponse);
    r.seek(16 + 28);
    while (r.remaining() >= 4) {
      int id = r.u16();
      int len = r.u16();
      if (id == MSV_AV_EOL) {
        return false;
      }
      if (id == MSV_AV_FLAGS && len == 4) {
        return (r.i32() & AV_FLAG_MIC) != 0;
      }
      r.skip(len);
    }
    return false;
  }

  /** NTOWFv2 ([MS-NLMP] 3.3.2): HMAC_MD5(MD4(UNICODE(password)), UNICODE(Upper(user) + domain)). */
  public static byte[] ntowfV2(byte[] ntHash, String user, String domain) {
    return Crypto.hmacMd5(
        ntHash, (user.toUpperCase(Locale.ROOT) + domain).getBytes(StandardCharsets.UTF_16LE));
  }

  /** The NT hash of a password: MD4(UNICODE(password)). */
  public static byte[] ntHash(String password) {
    return Crypto.md4(password.getBytes(StandardCharsets.UTF_16LE));
  }

  /** AV pairs for the CHALLENGE_MESSAGE's TargetInfo ([MS-NLMP] 2.2.1.2). */
  static byte[] targetInfo(String netbiosName, String domain, long filetimeNow) {
    ByteWriter w = new ByteWriter();
    avString(w, MSV_AV_NB_DOMAIN_NAME, domain);
    avString(w, MSV_AV_NB_COMPUTER_NAME, netbiosName);
    avString(w, MSV_AV_DNS_DOMAIN_NAME, domain.toLowerCase(Locale.ROOT));
    avString(w, MSV_AV_DNS_COMPUTER_NAME, netbiosName.toLowerCase(Locale.ROOT));
    w.u16(MSV_AV_TIMESTAMP).u16(8).i64(filetimeNow);
    w.u16(MSV_AV_EOL).u16(0);
    return w.toByteArray();
  }

  private static void avString(ByteWriter w, int id, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_16LE);
    w.u16(id).u16(b.length).bytes(b);
  }

  /** [MS-NLMP] 2.2.1.2 CHALLENGE_MESSAGE. */
  static byte[] challenge(int flags, byte[] serverChallenge, String targetName, byte[] targetInfo) {
    byte[] name = targetName.getBytes(StandardCharsets.UTF_16LE);
    int payload = 56;
    ByteWriter w = new ByteWriter(payload + name.length + targetInfo.length);
    w.bytes(SIGNATURE).i32(2);
    w.u16(name.length).u16(name.length).i32(payload);
    w.i32(flags).bytes(serverChallenge).zeros(8);
    w.u16(targetInfo.length).u16(targetInfo.length).i32(payload + name.length);
    w.bytes(VERSION);
    w.bytes(name).bytes(targetInfo);
    return w.toByteArray();
  }
}
