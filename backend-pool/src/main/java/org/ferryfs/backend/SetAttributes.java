package org.ferryfs.backend;

/**
 * Attributes to change; a {@code null} field is left as it is.
 *
 * @param mode new permission bits (07777)
 * @param uid new owner
 * @param gid new group
 * @param size new size (truncate or extend)
 * @param atime new access time
 * @param mtime new modification time
 */
public record SetAttributes(
    Integer mode, Integer uid, Integer gid, Long size, TimeChange atime, TimeChange mtime) {

  /** Change nothing. */
  public static final SetAttributes NONE = new SetAttributes(null, null, null, null, null, null);

  public SetAttributes {
    if (mode != null && (mode & ~07777) != 0) {
      throw new IllegalArgumentException(
          "mode holds permission bits only, got 0" + Integer.toOctalString(mode));
    }
    if (size != null && size < 0) {
      throw new IllegalArgumentException("size must not be negative, got " + size);
    }
  }

  public static SetAttributes mode(int mode) {
    return NONE.withMode(mode);
  }

  public SetAttributes withMode(Integer newMode) {
    return new SetAttributes(newMode, uid, gid, size, atime, mtime);
  }

  public SetAttributes withOwner(Integer newUid, Integer newGid) {
    return new SetAttributes(mode, newUid, newGid, size, atime, mtime);
  }

  public SetAttributes withSize(Long newSize) {
    return new SetAttributes(mode, uid, gid, newSize, atime, mtime);
  }

  public SetAttributes withTimes(TimeChange newAtime, TimeChange newMtime) {
    return new SetAttributes(mode, uid, gid, size, newAtime, newMtime);
  }

  /** True when nothing would change. */
  public boolean isEmpty() {
    return mode == null
        && uid == null
        && gid == null
        && size == null
        && atime == null
        && mtime == null;
  }
}
