package org.ferryfs.smb.wire;

/**
 * The attributes every SMB2 info structure draws from (times as FILETIME, [MS-DTYP] 2.3.3).
 *
 * @param creationTime CreationTime
 * @param lastAccessTime LastAccessTime
 * @param lastWriteTime LastWriteTime
 * @param changeTime ChangeTime
 * @param allocationSize AllocationSize
 * @param endOfFile EndOfFile
 * @param attributes FileAttributes, [MS-FSCC] 2.6
 * @param fileId the 64-bit file id (IndexNumber)
 * @param links NumberOfLinks
 * @param directory the object is a directory
 */
public record FileInfo(
    long creationTime,
    long lastAccessTime,
    long lastWriteTime,
    long changeTime,
    long allocationSize,
    long endOfFile,
    int attributes,
    long fileId,
    int links,
    boolean directory) {

  public static final int FILE_ATTRIBUTE_READONLY = 0x00000001;
  public static final int FILE_ATTRIBUTE_DIRECTORY = 0x00000010;
  public static final int FILE_ATTRIBUTE_ARCHIVE = 0x00000020;
  public static final int FILE_ATTRIBUTE_NORMAL = 0x00000080;

  /** FILETIME ticks (100 ns) between 1601-01-01 and 1970-01-01. */
  private static final long EPOCH_DIFF = 116_444_736_000_000_000L;

  public static long filetime(java.time.Instant t) {
    return EPOCH_DIFF + t.getEpochSecond() * 10_000_000L + t.getNano() / 100;
  }

  /** The instant of a FILETIME value. */
  public static java.time.Instant instant(long filetime) {
    long ticks = filetime - EPOCH_DIFF;
    return java.time.Instant.ofEpochSecond(
        Math.floorDiv(ticks, 10_000_000L), Math.floorMod(ticks, 10_000_000L) * 100);
  }
}
