package org.ferryfs.core.fs;

import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.FileType;
import org.ferryfs.frontend.Access;
import org.ferryfs.frontend.Caller;

/**
 * POSIX permission checks on behalf of the client (backends act with Ferry's own credentials, so
 * the core is what enforces mode bits). Root (uid 0) passes every check except execute on a file no
 * one may execute, as on a Linux server exporting with {@code no_root_squash}.
 */
final class Permissions {
  static final int R = 4;
  static final int W = 2;
  static final int X = 1;

  private Permissions() {}

  /** True if the caller has all of {@code want} (R/W/X bits) on the object. */
  static boolean may(Caller c, FileAttributes a, int want) {
    if (c.isRoot()) {
      if ((want & X) != 0 && a.type() != FileType.DIRECTORY && (a.mode() & 0111) == 0) {
        return false;
      }
      return true;
    }
    int bits;
    if (c.uid() == a.uid()) {
      bits = (a.mode() >> 6) & 7;
    } else if (c.inGroup(a.gid())) {
      bits = (a.mode() >> 3) & 7;
    } else {
      bits = a.mode() & 7;
    }
    return (bits & want) == want;
  }

  static void require(Caller c, FileAttributes a, int want, String what) throws BackendException {
    if (!may(c, a, want)) {
      throw new BackendException(BackendStatus.ACCESS_DENIED, "permission denied: " + what);
    }
  }

  /**
   * Read or write on a regular file. The owner may read and write a file whose bits refuse it,
   * because NFS clients check access at open time and then write through the server with the file's
   * final mode already set (a file created with mode 0444 and written afterwards); Linux's nfsd
   * does the same (NFSD_MAY_OWNER_OVERRIDE).
   */
  static void requireIo(Caller c, FileAttributes a, int want, String what) throws BackendException {
    if (c.uid() == a.uid()) {
      return;
    }
    require(c, a, want, what);
  }

  /** Write and search permission on a directory whose entries change. */
  static void requireDirectoryChange(Caller c, FileAttributes dir) throws BackendException {
    if (dir.type() != FileType.DIRECTORY) {
      throw new BackendException(BackendStatus.NOT_DIRECTORY, "not a directory");
    }
    require(c, dir, W | X, "changing the directory");
  }

  /**
   * The sticky bit on a directory: only the owner of an entry, of the directory, or root may remove
   * or rename it (POSIX unlink(2) and rename(2): EPERM, which is what Linux returns).
   */
  static void requireStickyAllows(Caller c, FileAttributes dir, FileAttributes victim)
      throws BackendException {
    if ((dir.mode() & 01000) == 0 || c.isRoot()) {
      return;
    }
    if (c.uid() == victim.uid() || c.uid() == dir.uid()) {
      return;
    }
    throw new BackendException(
        BackendStatus.NOT_OWNER, "sticky directory: only the owner may remove this entry");
  }

  /** Changing mode or setting explicit times needs ownership (or root). */
  static void requireOwner(Caller c, FileAttributes a, String what) throws BackendException {
    if (!c.isRoot() && c.uid() != a.uid()) {
      throw new BackendException(BackendStatus.NOT_OWNER, "only the owner may " + what);
    }
  }

  /** The {@link Access} bits of {@code requested} the caller has. */
  static int access(Caller c, FileAttributes a, int requested, boolean readOnly) {
    int granted = 0;
    boolean dir = a.type() == FileType.DIRECTORY;
    if ((requested & Access.READ) != 0 && may(c, a, R)) {
      granted |= Access.READ;
    }
    if (dir) {
      if ((requested & Access.LOOKUP) != 0 && may(c, a, X)) {
        granted |= Access.LOOKUP;
      }
    } else if ((requested & Access.EXECUTE) != 0 && may(c, a, X)) {
      granted |= Access.EXECUTE;
    }
    if (!readOnly && may(c, a, W)) {
      granted |= requested & (Access.MODIFY | Access.EXTEND);
      if (dir) {
        granted |= requested & Access.DELETE;
      }
    }
    return granted;
  }
}
