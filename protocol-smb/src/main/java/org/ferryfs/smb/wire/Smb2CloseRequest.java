package org.ferryfs.smb.wire;

/**
 * [MS-SMB2] 2.2.15 SMB2 CLOSE Request.
 *
 * @param flags Flags (2): 0x0001 POSTQUERY_ATTRIB
 * @param fileId FileId (16)
 */
public record Smb2CloseRequest(int flags, Smb2FileId fileId) {
  public static final int POSTQUERY_ATTRIB = 0x0001;

  public static Smb2CloseRequest decode(ByteReader r) throws WireException {
    Body.start(r, 24, "CLOSE");
    int flags = r.u16();
    r.skip(4);
    return new Smb2CloseRequest(flags, Smb2FileId.decode(r));
  }
}
