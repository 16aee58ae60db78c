package org.ferryfs.smb.wire;

/** [MS-SMB2] 2.2.32 SMB2 IOCTL Response (StructureSize 49), output after the fixed part. */
public final class Smb2IoctlResponse {
  private Smb2IoctlResponse() {}

  public static void encode(ByteWriter w, int ctlCode, Smb2FileId fileId, byte[] output) {
    int outOff = Smb2Header.SIZE + 48;
    w.u16(49).u16(0).i32(ctlCode);
    fileId.encode(w);
    w.i32(outOff).i32(0).i32(outOff).i32(output.length).i32(0).i32(0);
    w.bytes(output);
  }
}
