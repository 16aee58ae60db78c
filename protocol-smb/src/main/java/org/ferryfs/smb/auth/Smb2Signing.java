package org.ferryfs.smb.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.ferryfs.smb.wire.Smb2Header;

/**
 * SMB2 message signing ([MS-SMB2] 3.1.4.1): HMAC-SHA256 for 2.0.2 and 2.1, AES-128-CMAC for the 3.x
 * dialects, with signing keys from [MS-SMB2] 3.3.5.5.3 (SP800-108, {@link Crypto#kdf}).
 */
public final class Smb2Signing {
  private final byte[] key;
  private final boolean cmac;

  private Smb2Signing(byte[] key, boolean cmac) {
    this.key = key;
    this.cmac = cmac;
  }

  /**
   * The signer for a session.
   *
   * @param sessionKey the authentication's session key (first 16 bytes used)
   * @param dialect the connection's dialect
   * @param preauthHash the session's pre-authentication integrity hash (3.1.1 only)
   */
  public static Smb2Signing forSession(byte[] sessionKey, int dialect, byte[] preauthHash) {
    byte[] k = Arrays.copyOf(sessionKey, 16);
    if (dialect < 0x0300) {
      return new Smb2Signing(k, false);
    }
    if (dialect == 0x0311) {
      return new Smb2Signing(Crypto.kdf(k, label("SMBSigningKey\0"), preauthHash), true);
    }
    return new Smb2Signing(Crypto.kdf(k, label("SMB2AESCMAC\0"), label("SmbSign\0")), true);
  }

  private static byte[] label(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private byte[] mac(byte[] msg, int off, int len) {
    byte[] copy = Arrays.copyOfRange(msg, off, off + len);
    Arrays.fill(copy, Smb2Header.SIGNATURE_OFFSET, Smb2Header.SIGNATURE_OFFSET + 16, (byte) 0);
    byte[] m =
        cmac ? Crypto.aesCmac(key, copy, 0, copy.length) : Crypto.hmacSha256(key, copy, 0, len);
    return Arrays.copyOf(m, 16);
  }

  /** Sets the SIGNED flag and the signature of the message at {@code msg[off, off+len)}. */
  public void sign(byte[] msg, int off, int len) {
    msg[off + 16] |= (byte) Smb2Header.FLAGS_SIGNED;
    byte[] sig = mac(msg, off, len);
    System.arraycopy(sig, 0, msg, off + Smb2Header.SIGNATURE_OFFSET, 16);
  }

  /** True if the message at {@code msg[off, off+len)} carries a correct signature. */
  public boolean verify(byte[] msg, int off, int len) {
    byte[] got =
        Arrays.copyOfRange(
            msg, off + Smb2Header.SIGNATURE_OFFSET, off + Smb2Header.SIGNATURE_OFFSET + 16);
    return Crypto.same(mac(msg, off, len), got);
  }
}
