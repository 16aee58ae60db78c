package org.ferryfs.smb.wire;

/** [MS-SMB2] 2.2.22 SMB2 WRITE Response (StructureSize 17): Count (4) bytes written. */
public final class Smb2WriteResponse {
  private Smb2WriteResponse() {}

  public static void encode(ByteWriter w, int count) {
    w.u16(17).u16(0).i32(count).i32(0).u16(0).u16(0);
  }
}
