package org.ferryfs.smb.wire;

/**
 * [MS-SMB2] 2.2.10 SMB2 TREE_CONNECT Response (StructureSize 16).
 *
 * @param shareType ShareType (1): 0x01 DISK, 0x02 PIPE
 * @param shareFlags ShareFlags (4)
 * @param capabilities Capabilities (4)
 * @param maximalAccess MaximalAccess (4)
 */
public record Smb2TreeConnectResponse(
    int shareType, int shareFlags, int capabilities, int maximalAccess) {
  public static final int SHARE_TYPE_DISK = 0x01;
  public static final int SHARE_TYPE_PIPE = 0x02;

  public void encode(ByteWriter w) {
    w.u16(16).u8(shareType).u8(0).i32(shareFlags).i32(capabilities).i32(maximalAccess);
  }
}
