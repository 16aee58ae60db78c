package org.ferryfs.smb.wire;

/**
 * [MS-SMB2] 2.2.41 SMB2 TRANSFORM_HEADER (52 bytes), in front of every encrypted message.
 *
 * @param signature Signature (16): the AEAD tag over the header's last 32 bytes and the message
 * @param nonce Nonce (16): 11 bytes used by AES-CCM, 12 by AES-GCM, the rest zero
 * @param originalMessageSize OriginalMessageSize (4): the plaintext's length
 * @param flags Flags (2) (3.1.1) / EncryptionAlgorithm (2) (3.0, 3.0.2): 0x0001 either way
 * @param sessionId SessionId (8): the session whose keys encrypt the message
 */
public record Smb2TransformHeader(
    byte[] signature, byte[] nonce, int originalMessageSize, int flags, long sessionId) {

  public static final int SIZE = 52;

  /** 0xFD 'S' 'M' 'B', little-endian. */
  public static final int PROTOCOL_ID = 0x424D53FD;

  /** Flags ENCRYPTED (3.1.1) and EncryptionAlgorithm SMB2_ENCRYPTION_AES128_CCM (3.0.x). */
  public static final int ENCRYPTED = 0x0001;

  /** Offset of the Nonce field: the AEAD's associated data runs from here to the end. */
  public static final int AAD_OFFSET = 20;

  public static final int AAD_LENGTH = SIZE - AAD_OFFSET;

  /** True if {@code msg} starts with the transform header's ProtocolId. */
  public static boolean isTransform(byte[] msg) {
    return msg.length >= 4
        && msg[0] == (byte) 0xFD
        && msg[1] == 'S'
        && msg[2] == 'M'
        && msg[3] == 'B';
  }

  /**
   * Decodes the header of an encrypted message and checks it against the message's length: the
   * encrypted part must be exactly OriginalMessageSize bytes and hold at least an SMB2 header
   * ([MS-SMB2] 3.3.5.2.1.1), and Flags must say ENCRYPTED.
   */
  public static Smb2TransformHeader decode(ByteReader r) throws WireException {
    r.seek(0);
    if (r.i32() != PROTOCOL_ID) {
      throw new WireException("not an SMB2 TRANSFORM_HEADER");
    }
    byte[] signature = r.bytes(16);
    byte[] nonce = r.bytes(16);
    long size = r.u32();
    r.skip(2); // Reserved
    int flags = r.u16();
    long sessionId = r.i64();
    if (flags != ENCRYPTED) {
      throw new WireException("TRANSFORM_HEADER Flags 0x" + Integer.toHexString(flags));
    }
    if (size != r.length() - SIZE || size < Smb2Header.SIZE) {
      throw new WireException(
          "TRANSFORM_HEADER OriginalMessageSize "
              + size
              + " for "
              + (r.length() - SIZE)
              + " encrypted bytes");
    }
    return new Smb2TransformHeader(signature, nonce, (int) size, flags, sessionId);
  }

  /** Writes the header (the signature may be a placeholder, filled in after encryption). */
  public void encode(ByteWriter w) {
    w.i32(PROTOCOL_ID).bytes(signature).bytes(nonce).i32(originalMessageSize);
    w.u16(0).u16(flags).i64(sessionId);
  }
}
