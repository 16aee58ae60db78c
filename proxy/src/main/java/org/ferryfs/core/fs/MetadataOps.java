package org.ferryfs.core.fs;

import java.time.Instant;
import org.ferryfs.backend.BackendCapabilities;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.FileType;
import org.ferryfs.backend.FsStats;
import org.ferryfs.backend.SetAttributes;
import org.ferryfs.backend.TimeChange;
import org.ferryfs.frontend.Caller;
import org.ferryfs.frontend.FileRef;
import org.ferryfs.frontend.Granted;
import org.ferryfs.frontend.PathConf;

/** Attribute operations: GETATTR, SETATTR, ACCESS, READLINK, FSSTAT, PATHCONF. */
final class MetadataOps {
  /** Hard-link limit reported to clients (ext4's, the common Linux backend). */
  private static final int LINK_MAX = 65000;

  private final CoreContext core;

  MetadataOps(CoreContext core) {
    this.core = core;
  }

  FileAttributes getattr(Caller caller, FileRef ref) throws BackendException {
    try (CoreContext.Admitted a = core.admit(caller, ref)) {
      return core.attributes(a.target);
    }
  }

  FileAttributes setattr(Caller caller, FileRef ref, SetAttributes change, Instant guardCtime)
      throws BackendException {
    try (CoreContext.Admitted a = core.admit(caller, ref)) {
      Target t = a.target;
      FileAttributes cur = core.attributes(t);
      if (guardCtime != null && !guardCtime.equals(cur.ctime())) {
        throw new BackendException(BackendStatus.NOT_SYNC, "ctime guard does not match");
      }
      if (change.isEmpty()) {
        return cur;
      }
      CoreContext.requireWritable(t);
      checkSetattr(caller, cur, change);
      try {
        return t.export().backend().setattr(t.path(), change).withFileId(t.objectId());
      } catch (BackendException e) {
        throw CoreContext.staleIfGone(e);
      }
    }
  }

  /** POSIX rules for chmod, chown, truncate and utimes. */
  static void checkSetattr(Caller caller, FileAttributes cur, SetAttributes change)
      throws BackendException {
    if (change.mode() != null) {
      Permissions.requireOwner(caller, cur, "change the mode");
    }
    if (change.uid() != null && change.uid() != cur.uid() && !caller.isRoot()) {
      throw new BackendException(BackendStatus.NOT_OWNER, "only root may change the owner");
    }
    if (change.gid() != null && change.gid() != cur.gid() && !caller.isRoot()) {
      if (caller.uid() != cur.uid() || !caller.inGroup(change.gid())) {
        throw new BackendException(
            BackendStatus.NOT_OWNER, "only the owner may change the group, to one of theirs");
      }
    }
    if (change.size() != null) {
      if (cur.type() == FileType.DIRECTORY) {
        throw new BackendException(BackendStatus.IS_DIRECTORY, "cannot change a directory's size");
      }
      if (cur.type() != FileType.REGULAR) {
        throw new BackendException(
            BackendStatus.INVALID_ARGUMENT, "only a regular file has a size to change");
      }
      Permissions.requireIo(caller, cur, Permissions.W, "truncating the file");
    }
    checkTime(caller, cur, change.atime());
    checkTime(caller, cur, change.mtime());
  }

  private static void checkTime(Caller caller, FileAttributes cur, TimeChange t)
      throws BackendException {
    if (t == null) {
      return;
    }
    if (t.isServerNow()) {
      if (caller.isRoot() || caller.uid() == cur.uid()) {
        return;
      }
      Permissions.require(caller, cur, Permissions.W, "setting times");
    } else {
      Permissions.requireOwner(caller, cur, "set explicit times");
    }
  }

  Granted access(Caller caller, FileRef ref, int requested) throws BackendException {
    try (CoreContext.Admitted a = core.admit(caller, ref)) {
      FileAttributes attrs = core.attributes(a.target);
      return new Granted(
          Permissions.access(caller, attrs, requested, a.target.export().readOnly()), attrs);
    }
  }

  String readlink(Caller caller, FileRef ref) throws BackendException {
    try (CoreContext.Admitted a = core.admit(caller, ref)) {
      Target t = a.target;
      FileAttributes attrs = core.attributes(t);
      if (attrs.type() != FileType.SYMLINK) {
        throw new BackendException(BackendStatus.INVALID_ARGUMENT, "not a symbolic link");
      }
      try {
        return t.export().backend().readlink(t.path());
      } catch (BackendException e) {
        throw CoreContext.staleIfGone(e);
      }
    }
  }

  FsStats fsstat(Caller caller, FileRef ref) throws BackendException {
    try (CoreContext.Admitted a = core.admit(caller, ref)) {
      return a.target.export().backend().fsstat();
    }
  }

  PathConf pathconf(Caller caller, FileRef ref) throws BackendException {
    try (CoreContext.Admitted a = core.admit(caller, ref)) {
      BackendCapabilities caps = a.target.export().backend().capabilities();
      return new PathConf(
          caps.hardLinks() ? LINK_MAX : 1,
          caps.maxNameLength(),
          true,
          true,
          !caps.caseSensitive(),
          true);
    }
  }
}
