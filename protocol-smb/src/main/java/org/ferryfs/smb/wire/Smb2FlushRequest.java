package org.ferryfs.smb.wire;

/**
 * [MS-SMB2] 2.2.17 SMB2 FLUSH Request.
 *
 * @param fileId FileId (16)
 */
public record Smb2FlushRequest(Smb2FileId fileId) {
  public static Smb2FlushRequest decode(ByteReader r) throws WireException {
    Body.start(r, 24, "FLUSH");
    r.skip(2 + 4);
    return new Smb2FlushRequest(Smb2FileId.decode(r));
  }
}
