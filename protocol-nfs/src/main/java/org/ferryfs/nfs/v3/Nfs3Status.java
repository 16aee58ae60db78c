package org.ferryfs.nfs.v3;

import org.ferryfs.backend.BackendStatus;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;

/**
 * The one mapping of Ferry's neutral {@link BackendStatus} to NFSv3's {@code nfsstat3} (RFC 1813
 * §2.6). The switch is exhaustive: a new {@link BackendStatus} does not compile until it is mapped
 * here.
 */
public final class Nfs3Status {

  private Nfs3Status() {}

  /** The {@code nfsstat3} a client is told for {@code status}. */
  public static int of(BackendStatus status) {
    return switch (status) {
      case NOT_FOUND -> Nfsstat3.NFS3ERR_NOENT;
      case EXISTS -> Nfsstat3.NFS3ERR_EXIST;
      case NOT_DIRECTORY -> Nfsstat3.NFS3ERR_NOTDIR;
      case IS_DIRECTORY -> Nfsstat3.NFS3ERR_ISDIR;
      case NOT_EMPTY -> Nfsstat3.NFS3ERR_NOTEMPTY;
      case ACCESS_DENIED -> Nfsstat3.NFS3ERR_ACCES;
      case NOT_OWNER -> Nfsstat3.NFS3ERR_PERM;
      case READ_ONLY -> Nfsstat3.NFS3ERR_ROFS;
      case NO_SPACE -> Nfsstat3.NFS3ERR_NOSPC;
      case QUOTA_EXCEEDED -> Nfsstat3.NFS3ERR_DQUOT;
      case NAME_TOO_LONG -> Nfsstat3.NFS3ERR_NAMETOOLONG;
      case INVALID_ARGUMENT -> Nfsstat3.NFS3ERR_INVAL;
      case FILE_TOO_LARGE -> Nfsstat3.NFS3ERR_FBIG;
      case TOO_MANY_LINKS -> Nfsstat3.NFS3ERR_MLINK;
      case CROSS_DEVICE -> Nfsstat3.NFS3ERR_XDEV;
      // NFSv3 has no ELOOP. Procedures that meet it (a symlink where none may be followed) are
      // given an argument they cannot use: INVAL, as for READLINK on a non-link (RFC 1813 §2.6).
      case SYMLINK_LOOP -> Nfsstat3.NFS3ERR_INVAL;
      case STALE -> Nfsstat3.NFS3ERR_STALE;
      case BAD_HANDLE -> Nfsstat3.NFS3ERR_BADHANDLE;
      case NOT_SUPPORTED -> Nfsstat3.NFS3ERR_NOTSUPP;
      // A byte-range lock of another owner (an SMB client's, a mandatory lock) usually lasts
      // moments; JUKEBOX makes the NFS client retry after a pause, as a blocking POSIX read or
      // write would wait, instead of failing the application.
      case LOCKED -> Nfsstat3.NFS3ERR_JUKEBOX;
      // A share (deny) mode lasts as long as the other client keeps its file open, possibly
      // hours: retrying would hang the NFS client's application, so refuse at once, as Windows
      // refuses a conflicting open.
      case SHARING_VIOLATION -> Nfsstat3.NFS3ERR_ACCES;
      case BAD_COOKIE -> Nfsstat3.NFS3ERR_BAD_COOKIE;
      case NOT_SYNC -> Nfsstat3.NFS3ERR_NOT_SYNC;
      case TOO_SMALL -> Nfsstat3.NFS3ERR_TOOSMALL;
      case IO_ERROR -> Nfsstat3.NFS3ERR_IO;
      // "Try again later" (RFC 1813 §2.6 NFS3ERR_JUKEBOX): a paused export, a backend being
      // failed over, a slow backend. TIMED_OUT is included: during a move or a failover a
      // backend call may time out once and succeed when retried against the export's new home,
      // so a retry is right and EIO would fail applications for a transient condition.
      case DELAY, UNAVAILABLE, TIMED_OUT -> Nfsstat3.NFS3ERR_JUKEBOX;
      case SERVER_FAULT -> Nfsstat3.NFS3ERR_SERVERFAULT;
    };
  }
}
