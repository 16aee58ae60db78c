package org.ferryfs.smb.wire;

/**
 * [MS-SMB2] 2.2.14.1 SMB2_FILEID: Persistent (8) and Volatile (8). Ferry allocates both; the
 * all-ones id in a related compound request means "the file of the previous request".
 */
public record Smb2FileId(long persistent, long volatileId) {
  public static final Smb2FileId RELATED = new Smb2FileId(-1L, -1L);

  public static Smb2FileId decode(ByteReader r) throws WireException {
    return new Smb2FileId(r.i64(), r.i64());
  }

  public void encode(ByteWriter w) {
    w.i64(persistent).i64(volatileId);
  }

  public boolean isRelated() {
    return persistent == -1L && volatileId == -1L;
  }
}
