package org.ferryfs.smb.wire;

/**
 * [MS-SMB2] 2.2.6 SMB2 SESSION_SETUP Response (StructureSize 9).
 *
 * @param sessionFlags SessionFlags (2): 0x1 IS_GUEST, 0x2 IS_NULL, 0x4 ENCRYPT_DATA
 * @param securityBuffer the GSS token
 */
public record Smb2SessionSetupResponse(int sessionFlags, byte[] securityBuffer) {
  public void encode(ByteWriter w) {
    w.u16(9).u16(sessionFlags).u16(Smb2Header.SIZE + 8).u16(securityBuffer.length);
    w.bytes(securityBuffer);
  }
}
