package org.ferryfs.backend;

import java.time.Instant;
import java.util.Objects;

/**
 * Attributes of one file-system object.
 *
 * <p>From a backend, {@code fileId} is the backend's own identity of the object (inode number, SMB
 * IndexNumber, NFS fileid): stable while the object lives on that backend, used to recognise hard
 * links. From the core's front-end facade, {@code fileId} is Ferry's object id (DESIGN.md §3.1):
 * stable across restarts and moves; clients only ever see that one.
 *
 * @param type the object's type
 * @param mode the permission bits (07777), never the type bits
 * @param nlink number of hard links
 * @param uid owner
 * @param gid owning group
 * @param size size in bytes (symlink: length of the target)
 * @param spaceUsed bytes allocated on disk
 * @param rdevMajor major device number for device files, else 0
 * @param rdevMinor minor device number for device files, else 0
 * @param fileId identity of the object, see above
 * @param atime last access
 * @param mtime last data modification
 * @param ctime last status change
 * @param birthTime creation time, or {@code null} where the backend does not know it
 */
public record FileAttributes(
    FileType type,
    int mode,
    int nlink,
    int uid,
    int gid,
    long size,
    long spaceUsed,
    int rdevMajor,
    int rdevMinor,
    long fileId,
    Instant atime,
    Instant mtime,
    Instant ctime,
    Instant birthTime) {

  public FileAttributes {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(atime, "atime");
    Objects.requireNonNull(mtime, "mtime");
    Objects.requireNonNull(ctime, "ctime");
    if ((mode & ~07777) != 0) {
      throw new IllegalArgumentException(
          "mode holds permission bits only, got 0" + Integer.toOctalString(mode));
    }
  }

  /** The same attributes with another {@code fileId}. */
  public FileAttributes withFileId(long newFileId) {
    return new FileAttributes(
        type, mode, nlink, uid, gid, size, spaceUsed, rdevMajor, rdevMinor, newFileId, atime, mtime,
        ctime, birthTime);
  }

  public boolean isDirectory() {
    return type == FileType.DIRECTORY;
  }
}
