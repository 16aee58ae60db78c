package org.ferryfs.smb.wire;

/** [MS-SMB2] 2.2.2 SMB2 ERROR Response: StructureSize 9, no error contexts, one zero byte. */
public final class Smb2ErrorResponse {
  private Smb2ErrorResponse() {}

  public static void encode(ByteWriter w) {
    w.u16(9).u8(0).u8(0).i32(0).u8(0);
  }
}
