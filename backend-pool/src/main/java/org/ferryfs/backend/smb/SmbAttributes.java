package org.ferryfs.backend.smb;

import com.hierynomus.msdtyp.FileTime;
import com.hierynomus.msfscc.fileinformation.FileAllInformation;
import com.hierynomus.msfscc.fileinformation.FileBasicInformation;
import com.hierynomus.msfscc.fileinformation.FileIdFullDirectoryInformation;
import com.hierynomus.msfscc.fileinformation.FileStandardInformation;
import java.time.Instant;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.FileType;

/**
 * SMB file information ([MS-FSCC] 2.4.2 FileAllInformation, 2.4.17 FileIdFullDirectoryInformation)
 * to Ferry's {@link FileAttributes}.
 *
 * <ul>
 *   <li>type: directory if FILE_ATTRIBUTE_DIRECTORY is set, else regular file (SMB without the
 *       POSIX extensions shows no symlinks, devices or FIFOs: a server follows or hides them);
 *   <li>mode: synthesised, since SMB stores no permission bits: directories {@code 0755}, files
 *       {@code 0644}, or {@code 0444} when FILE_ATTRIBUTE_READONLY is set. A mode change maps the
 *       owner-write bit back to READONLY (files only) and ignores every other bit;
 *   <li>uid and gid: 0 (SMB carries owners as SIDs, which Ferry does not map);
 *   <li>nlink: NumberOfLinks from FileStandardInformation; 1 in directory listings, which carry
 *       none;
 *   <li>fileId: IndexNumber (FileInternalInformation) or FileId of a directory entry; Samba derives
 *       it from the inode number;
 *   <li>times: LastAccessTime, LastWriteTime, ChangeTime, CreationTime as atime, mtime, ctime,
 *       birth time, to the 100 ns SMB stores.
 * </ul>
 */
final class SmbAttributes {
  static final long READONLY = 0x1L;
  static final long DIRECTORY = 0x10L;
  static final long NORMAL = 0x80L;

  private SmbAttributes() {}

  static FileAttributes of(FileAllInformation all) {
    FileBasicInformation basic = all.getBasicInformation();
    FileStandardInformation std = all.getStandardInformation();
    long attrs = basic.getFileAttributes();
    boolean dir = std.isDirectory() || (attrs & DIRECTORY) != 0;
    return new FileAttributes(
        dir ? FileType.DIRECTORY : FileType.REGULAR,
        mode(dir, attrs),
        (int) Math.max(1, Math.min(Integer.MAX_VALUE, std.getNumberOfLinks())),
        0,
        0,
        std.getEndOfFile(),
        Math.max(0, std.getAllocationSize()),
        0,
        0,
        all.getInternalInformation().getIndexNumber(),
        instant(basic.getLastAccessTime()),
        instant(basic.getLastWriteTime()),
        instant(basic.getChangeTime()),
        instant(basic.getCreationTime()));
  }

  static FileAttributes of(FileIdFullDirectoryInformation e) {
    long attrs = e.getFileAttributes();
    boolean dir = (attrs & DIRECTORY) != 0;
    return new FileAttributes(
        dir ? FileType.DIRECTORY : FileType.REGULAR,
        mode(dir, attrs),
        1,
        0,
        0,
        e.getEndOfFile(),
        Math.max(0, e.getAllocationSize()),
        0,
        0,
        e.getFileId(),
        instant(e.getLastAccessTime()),
        instant(e.getLastWriteTime()),
        instant(e.getChangeTime()),
        instant(e.getCreationTime()));
  }

  /** The synthesised POSIX mode of an object with DOS attributes {@code attrs}. */
  static int mode(boolean dir, long attrs) {
    if (dir) {
      return 0755;
    }
    return (attrs & READONLY) != 0 ? 0444 : 0644;
  }

  /**
   * The attributes to store for a mode change of a file: READONLY exactly when the owner-write bit
   * is clear. SMB reads 0 as "leave unchanged", so no attribute at all is written as NORMAL.
   */
  static long withMode(long attrs, int mode) {
    long a = (mode & 0200) == 0 ? attrs | READONLY : attrs & ~READONLY;
    return nonZero(a);
  }

  /** {@code attrs} without READONLY, never 0. */
  static long writable(long attrs) {
    return nonZero(attrs & ~READONLY);
  }

  private static long nonZero(long attrs) {
    long a = attrs & ~NORMAL;
    return a == 0 ? NORMAL : a;
  }

  private static final long TICKS_PER_SECOND = 10_000_000L;

  /** A FILETIME (100 ns ticks since 1601) as an instant, keeping the 100 ns. */
  static Instant instant(FileTime t) {
    long since = t.getWindowsTimeStamp() - FileTime.WINDOWS_TO_UNIX_EPOCH;
    return Instant.ofEpochSecond(
        Math.floorDiv(since, TICKS_PER_SECOND), Math.floorMod(since, TICKS_PER_SECOND) * 100);
  }

  /** An instant as a FILETIME, truncated to 100 ns (smbj's own conversion keeps milliseconds). */
  static FileTime fileTime(Instant i) {
    long ticks =
        Math.addExact(Math.multiplyExact(i.getEpochSecond(), TICKS_PER_SECOND), i.getNano() / 100);
    return new FileTime(Math.addExact(ticks, FileTime.WINDOWS_TO_UNIX_EPOCH));
  }
}
