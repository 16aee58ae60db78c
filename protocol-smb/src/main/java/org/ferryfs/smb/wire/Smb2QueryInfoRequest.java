package org.ferryfs.smb.wire;

/**
 * [MS-SMB2] 2.2.37 SMB2 QUERY_INFO Request.
 *
 * @param infoType InfoType (1): 1 FILE, 2 FILESYSTEM, 3 SECURITY, 4 QUOTA
 * @param infoClass FileInfoClass (1)
 * @param outputBufferLength OutputBufferLength (4)
 * @param additionalInformation AdditionalInformation (4)
 * @param fileId FileId (16)
 */
public record Smb2QueryInfoRequest(
    int infoType,
    int infoClass,
    long outputBufferLength,
    int additionalInformation,
    Smb2FileId fileId) {
  public static final int INFO_FILE = 1;
  public static final int INFO_FILESYSTEM = 2;
  public static final int INFO_SECURITY = 3;

  public static Smb2QueryInfoRequest decode(ByteReader r) throws WireException {
    Body.start(r, 41, "QUERY_INFO");
    int type = r.u8();
    int cls = r.u8();
    long out = r.u32();
    int inOff = r.u16();
    r.skip(2);
    long inLen = r.u32();
    int additional = r.i32();
    r.skip(4); // Flags
    Smb2FileId id = Smb2FileId.decode(r);
    if (inLen > 0) {
      r.requireInside(inOff, inLen);
    }
    return new Smb2QueryInfoRequest(type, cls, out, additional, id);
  }
}
