package org.ferryfs.smb.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.ferryfs.smb.wire.ByteReader;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.Smb2TransformHeader;
import org.ferryfs.smb.wire.WireException;

/**
 * One session's SMB 3.x encryption ([MS-SMB2] 3.1.4.3): the server's EncryptionKey (server to
 * client) and DecryptionKey (client to server) derived per 3.3.5.5.3, the cipher, and the nonce
 * source.
 *
 * <p>Design note. A nonce must never repeat under one key (RFC 3610 §2, SP800-38D §8). Each
 * session's nonces are a 64-bit counter followed by random bytes drawn once per session, so they
 * are unique without remembering any. A session is used by its connection's one request thread at a
 * time, so the counter needs no lock.
 */
public final class Smb2Encryption {
  private final Smb2Cipher cipher;
  private final byte[] encryptionKey;
  private final byte[] decryptionKey;
  private final byte[] nonceSalt;
  private long nonceCounter;

  Smb2Encryption(Smb2Cipher cipher, byte[] encryptionKey, byte[] decryptionKey, byte[] nonceSalt) {
    this.cipher = cipher;
    this.encryptionKey = encryptionKey;
    this.decryptionKey = decryptionKey;
    this.nonceSalt = nonceSalt;
  }

  /**
   * The keys of a session ([MS-SMB2] 3.3.5.5.3), L = 128.
   *
   * @param sessionKey the authentication's session key (first 16 bytes used)
   * @param dialect 0x0300, 0x0302 or 0x0311
   * @param preauthHash the session's pre-authentication integrity hash (3.1.1 only)
   * @param cipher the connection's cipher (3.0 and 3.0.2: AES-128-CCM)
   */
  public static Smb2Encryption forSession(
      byte[] sessionKey, int dialect, byte[] preauthHash, Smb2Cipher cipher, SecureRandom random) {
    if (dialect < 0x0300) {
      throw new IllegalArgumentException("SMB 2.x has no encryption");
    }
    byte[] k = Arrays.copyOf(sessionKey, 16);
    byte[] enc;
    byte[] dec;
    if (dialect == 0x0311) {
      enc = Crypto.kdf(k, label("SMBS2CCipherKey\0"), preauthHash);
      dec = Crypto.kdf(k, label("SMBC2SCipherKey\0"), preauthHash);
    } else {
      if (cipher != Smb2Cipher.AES_128_CCM) {
        throw new IllegalArgumentException("SMB 3.0 and 3.0.2 encrypt with AES-128-CCM only");
      }
      enc = Crypto.kdf(k, label("SMB2AESCCM\0"), label("ServerOut\0"));
      dec = Crypto.kdf(k, label("SMB2AESCCM\0"), label("ServerIn \0"));
    }
    byte[] salt = new byte[cipher.nonceLength - 8];
    random.nextBytes(salt);
    return new Smb2Encryption(cipher, enc, dec, salt);
  }

  private static byte[] label(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  public Smb2Cipher cipher() {
    return cipher;
  }

  /**
   * [MS-SMB2] 3.3.4.1.4 Encrypting the Message: the TRANSFORM_HEADER followed by {@code message}
   * (one message or a compound chain) encrypted with the server's EncryptionKey.
   */
  public byte[] encrypt(byte[] message, long sessionId) {
    byte[] nonce = new byte[16];
    long n = nonceCounter++;
    for (int i = 0; i < 8; i++) {
      nonce[i] = (byte) (n >>> (8 * i));
    }
    System.arraycopy(nonceSalt, 0, nonce, 8, nonceSalt.length);
    ByteWriter w = new ByteWriter(Smb2TransformHeader.SIZE + message.length + 16);
    new Smb2TransformHeader(
            new byte[16], nonce, message.length, Smb2TransformHeader.ENCRYPTED, sessionId)
        .encode(w);
    byte[] header = w.toByteArray();
    byte[] aad =
        Arrays.copyOfRange(header, Smb2TransformHeader.AAD_OFFSET, Smb2TransformHeader.SIZE);
    byte[] sealed =
        cipher.seal(
            encryptionKey,
            Arrays.copyOf(nonce, cipher.nonceLength),
            aad,
            message,
            0,
            message.length);
    byte[] out = new byte[Smb2TransformHeader.SIZE + message.length];
    System.arraycopy(header, 0, out, 0, Smb2TransformHeader.SIZE);
    System.arraycopy(sealed, 0, out, Smb2TransformHeader.SIZE, message.length);
    System.arraycopy(sealed, message.length, out, 4, 16); // the tag is the Signature field
    return out;
  }

  /**
   * [MS-SMB2] 3.3.5.2.1.1 Decrypting the Message: the plaintext of an encrypted message whose
   * header has already been {@linkplain Smb2TransformHeader#decode decoded and checked}, or {@code
   * null} if it does not decrypt (wrong key, tampered bytes). Nonce bytes beyond the cipher's are
   * not used as nonce, but they are covered by the tag as part of the associated data.
   */
  public byte[] decrypt(byte[] msg, Smb2TransformHeader h) {
    byte[] nonce = h.nonce();
    int len = h.originalMessageSize();
    byte[] in = new byte[len + 16];
    System.arraycopy(msg, Smb2TransformHeader.SIZE, in, 0, len);
    System.arraycopy(h.signature(), 0, in, len, 16);
    byte[] aad = Arrays.copyOfRange(msg, Smb2TransformHeader.AAD_OFFSET, Smb2TransformHeader.SIZE);
    return cipher.open(
        decryptionKey, Arrays.copyOf(nonce, cipher.nonceLength), aad, in, 0, in.length);
  }

  /** Decodes and decrypts in one step, for tests and clients of this class alike. */
  public byte[] decrypt(byte[] msg) throws WireException {
    return decrypt(msg, Smb2TransformHeader.decode(new ByteReader(msg)));
  }

  /** The same keys seen from the client: encrypts with the DecryptionKey, for tests. */
  public Smb2Encryption clientView() {
    return new Smb2Encryption(cipher, decryptionKey, encryptionKey, nonceSalt.clone());
  }
}
