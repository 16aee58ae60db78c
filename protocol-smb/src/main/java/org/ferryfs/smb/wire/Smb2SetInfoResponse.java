package org.ferryfs.smb.wire;

/** [MS-SMB2] 2.2.40 SMB2 SET_INFO Response: StructureSize (2) = 2 only. */
public final class Smb2SetInfoResponse {
  private Smb2SetInfoResponse() {}

  public static void encode(ByteWriter w) {
    w.u16(2);
  }
}
