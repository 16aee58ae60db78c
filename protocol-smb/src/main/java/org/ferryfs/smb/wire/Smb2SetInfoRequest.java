package org.ferryfs.smb.wire;

/**
 * [MS-SMB2] 2.2.39 SMB2 SET_INFO Request.
 *
 * @param infoType InfoType (1)
 * @param infoClass FileInfoClass (1)
 * @param fileId FileId (16)
 * @param buffer the BufferLength bytes at BufferOffset
 */
public record Smb2SetInfoRequest(int infoType, int infoClass, Smb2FileId fileId, byte[] buffer) {
  /** Largest buffer accepted (a rename target of 32767 UTF-16 units, with headroom). */
  static final int MAX_BUFFER = 70_000;

  public static Smb2SetInfoRequest decode(ByteReader r) throws WireException {
    Body.start(r, 33, "SET_INFO");
    int type = r.u8();
    int cls = r.u8();
    long len = r.u32();
    int off = r.u16();
    r.skip(2 + 4);
    Smb2FileId id = Smb2FileId.decode(r);
    if (len > MAX_BUFFER) {
      throw new WireException("SET_INFO buffer of " + len + " bytes");
    }
    return new Smb2SetInfoRequest(type, cls, id, r.slice(off, len));
  }
}
