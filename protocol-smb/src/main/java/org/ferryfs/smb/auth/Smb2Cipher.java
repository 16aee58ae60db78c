package org.ferryfs.smb.auth;

/**
 * [MS-SMB2] 2.2.3.1.2 SMB2_ENCRYPTION_CAPABILITIES cipher ids Ferry serves, with the nonce length
 * each uses in the TRANSFORM_HEADER (2.2.41): AES-CCM takes 11 bytes (RFC 3610 with L = 4), AES-GCM
 * 12 (NIST SP800-38D's 96-bit IV). Both with a 16-byte tag.
 */
public enum Smb2Cipher {
  AES_128_CCM(0x0001, 11),
  AES_128_GCM(0x0002, 12);

  /** The cipher id on the wire. */
  public final int id;

  /** How many bytes of the 16-byte Nonce field the cipher uses. */
  public final int nonceLength;

  Smb2Cipher(int id, int nonceLength) {
    this.id = id;
    this.nonceLength = nonceLength;
  }

  /** The cipher with wire id {@code id}, or {@code null} if Ferry does not serve it. */
  public static Smb2Cipher of(int id) {
    for (Smb2Cipher c : values()) {
      if (c.id == id) {
        return c;
      }
    }
    return null;
  }

  /** Encrypts {@code data} and returns ciphertext followed by the 16-byte tag. */
  public byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] data, int off, int len) {
    return this == AES_128_CCM
        ? Crypto.aesCcm(true, key, nonce, 16, aad, data, off, len)
        : Crypto.aesGcm(true, key, nonce, aad, data, off, len);
  }

  /** Decrypts ciphertext followed by its 16-byte tag; {@code null} if the tag does not verify. */
  public byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] data, int off, int len) {
    return this == AES_128_CCM
        ? Crypto.aesCcm(false, key, nonce, 16, aad, data, off, len)
        : Crypto.aesGcm(false, key, nonce, aad, data, off, len);
  }
}
