package org.ferryfs.nfs.mount;

import org.ferryfs.backend.BackendStatus;
import org.ferryfs.nfs.mount.xdr.Mountstat3;

/**
 * The one mapping of {@link BackendStatus} to MOUNT's {@code mountstat3} (RFC 1813 §5.1), an
 * exhaustive switch. MOUNT has far fewer statuses than NFS: what cannot arise from resolving a path
 * is mapped to INVAL (an argument problem) or IO (a backend problem; MOUNT has no JUKEBOX).
 */
public final class MountStatus {

  private MountStatus() {}

  public static int of(BackendStatus status) {
    return switch (status) {
      case NOT_FOUND, STALE -> Mountstat3.MNT3ERR_NOENT;
      case ACCESS_DENIED, READ_ONLY, SHARING_VIOLATION -> Mountstat3.MNT3ERR_ACCES;
      case NOT_OWNER -> Mountstat3.MNT3ERR_PERM;
      case NOT_DIRECTORY -> Mountstat3.MNT3ERR_NOTDIR;
      case NAME_TOO_LONG -> Mountstat3.MNT3ERR_NAMETOOLONG;
      case NOT_SUPPORTED -> Mountstat3.MNT3ERR_NOTSUPP;
      case INVALID_ARGUMENT,
          EXISTS,
          IS_DIRECTORY,
          NOT_EMPTY,
          TOO_MANY_LINKS,
          CROSS_DEVICE,
          SYMLINK_LOOP,
          BAD_HANDLE,
          BAD_COOKIE,
          NOT_SYNC,
          TOO_SMALL ->
          Mountstat3.MNT3ERR_INVAL;
      case IO_ERROR,
          NO_SPACE,
          QUOTA_EXCEEDED,
          FILE_TOO_LARGE,
          LOCKED,
          UNAVAILABLE,
          TIMED_OUT,
          DELAY ->
          Mountstat3.MNT3ERR_IO;
      case SERVER_FAULT -> Mountstat3.MNT3ERR_SERVERFAULT;
    };
  }
}
