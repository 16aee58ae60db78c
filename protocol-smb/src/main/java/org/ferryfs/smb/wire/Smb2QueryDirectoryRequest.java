package org.ferryfs.smb.wire;

/**
 * [MS-SMB2] 2.2.33 SMB2 QUERY_DIRECTORY Request.
 *
 * @param infoClass FileInformationClass (1)
 * @param flags Flags (1)
 * @param fileId FileId (16)
 * @param pattern the search pattern (UTF-16 on the wire)
 * @param outputBufferLength OutputBufferLength (4)
 */
public record Smb2QueryDirectoryRequest(
    int infoClass, int flags, Smb2FileId fileId, String pattern, long outputBufferLength) {
  public static final int RESTART_SCANS = 0x01;
  public static final int RETURN_SINGLE_ENTRY = 0x02;
  public static final int INDEX_SPECIFIED = 0x04;
  public static final int REOPEN = 0x10;

  public static Smb2QueryDirectoryRequest decode(ByteReader r) throws WireException {
    Body.start(r, 33, "QUERY_DIRECTORY");
    int infoClass = r.u8();
    int flags = r.u8();
    r.skip(4); // FileIndex
    Smb2FileId id = Smb2FileId.decode(r);
    int off = r.u16();
    int len = r.u16();
    long out = r.u32();
    return new Smb2QueryDirectoryRequest(infoClass, flags, id, r.utf16(off, len), out);
  }
}
