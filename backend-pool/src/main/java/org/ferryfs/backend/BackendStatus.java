package org.ferryfs.backend;

/**
 * The one neutral error vocabulary of Ferry. Backends throw {@link BackendException} carrying one
 * of these; each front end maps every value in exactly one exhaustive switch (NFS: {@code
 * nfsstat3}, SMB: NTSTATUS), and a test per protocol asserts that every value is mapped.
 *
 * <p>The POSIX errno each value corresponds to is given where there is one.
 */
public enum BackendStatus {
  /** ENOENT: no object of that name. */
  NOT_FOUND,
  /** EEXIST: an object of that name exists already. */
  EXISTS,
  /** ENOTDIR: a directory was needed. */
  NOT_DIRECTORY,
  /** EISDIR: the operation does not apply to a directory. */
  IS_DIRECTORY,
  /** ENOTEMPTY: the directory still has entries. */
  NOT_EMPTY,
  /** EACCES: permission bits or an access rule refuse the caller. */
  ACCESS_DENIED,
  /** EPERM: the operation needs ownership or privilege the caller lacks. */
  NOT_OWNER,
  /** EROFS: the export or the backend is read-only. */
  READ_ONLY,
  /** ENOSPC: no space left on the backend. */
  NO_SPACE,
  /** EDQUOT: a quota is exhausted. */
  QUOTA_EXCEEDED,
  /** ENAMETOOLONG: a name or a path is too long. */
  NAME_TOO_LONG,
  /** EINVAL: an argument is not acceptable (bad name, wrong object type for the operation). */
  INVALID_ARGUMENT,
  /** EFBIG: the file would grow beyond what the backend allows. */
  FILE_TOO_LARGE,
  /** EMLINK: too many hard links. */
  TOO_MANY_LINKS,
  /** EXDEV: the operation would cross exports or devices. */
  CROSS_DEVICE,
  /** ELOOP: too many symbolic links, or a symbolic link where none may be followed. */
  SYMLINK_LOOP,
  /** ESTALE: the object a handle named no longer exists (or belongs to no export). */
  STALE,
  /** The handle is malformed or was not issued by this Ferry. */
  BAD_HANDLE,
  /** ENOTSUP: the backend or the driver does not implement this. */
  NOT_SUPPORTED,
  /** A byte-range lock held by another owner conflicts. */
  LOCKED,
  /** A share mode (deny mode) held by another open conflicts. */
  SHARING_VIOLATION,
  /** A directory-listing cookie is not valid (any more). */
  BAD_COOKIE,
  /** A conditional update's guard (e.g. ctime) did not match. */
  NOT_SYNC,
  /** A reply buffer is too small to hold even one result. */
  TOO_SMALL,
  /** EIO: the backend failed to do the I/O. */
  IO_ERROR,
  /** The backend is down or unreachable. */
  UNAVAILABLE,
  /** A backend call did not finish within its timeout. */
  TIMED_OUT,
  /** Transient: the client should retry shortly (export paused, resource busy). */
  DELAY,
  /** A fault inside Ferry itself (a bug); logged at error level. */
  SERVER_FAULT;

  /**
   * Who is at fault when this status is returned, used by the executors to choose a log level
   * (DESIGN.md §5.4): server fault → error, client mistake → debug/warn, lost state → info.
   */
  public Fault fault() {
    return switch (this) {
      case SERVER_FAULT, IO_ERROR -> Fault.SERVER;
      case UNAVAILABLE, TIMED_OUT, DELAY, NO_SPACE, QUOTA_EXCEEDED -> Fault.ENVIRONMENT;
      case STALE, BAD_COOKIE -> Fault.LOST_STATE;
      default -> Fault.CLIENT;
    };
  }

  /** Who caused an error, for choosing a log level. */
  public enum Fault {
    /** A bug or a backend I/O failure. */
    SERVER,
    /** The environment: a backend down, full or slow. */
    ENVIRONMENT,
    /** State the client relied on has gone (stale handle, old cookie). */
    LOST_STATE,
    /** The client asked for something it may not or cannot have. */
    CLIENT
  }
}
