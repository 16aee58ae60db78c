package org.ferryfs.smb.wire;

/**
 * [MS-SMB2] 2.2.20 SMB2 READ Response (StructureSize 17); the data follows the fixed part at offset
 * 0x50 from the header.
 */
public final class Smb2ReadResponse {
  /** DataOffset: header (64) + fixed part (16). */
  public static final int DATA_OFFSET = 0x50;

  private Smb2ReadResponse() {}

  public static void encode(ByteWriter w, byte[] data, int off, int len) {
    w.u16(17).u8(DATA_OFFSET).u8(0).i32(len).i32(0).i32(0);
    w.bytes(data, off, len);
  }
}
