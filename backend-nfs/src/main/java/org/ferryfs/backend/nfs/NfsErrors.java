package org.ferryfs.backend.nfs;

import java.io.IOException;
import org.dcache.oncrpc4j.rpc.OncRpcException;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.nfs.client.MountException;
import org.ferryfs.nfs.client.Nfs3Exception;
import org.ferryfs.nfs.client.RpcClient;
import org.ferryfs.nfs.mount.xdr.Mountstat3;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;
import org.ferryfs.nfs.xdr.XdrException;

/**
 * The one place where what the NFS client library throws becomes a {@link BackendException}: an
 * {@code nfsstat3} (RFC 1813 §2.6) in one exhaustive switch, a {@code mountstat3} (RFC 1813
 * §5.1.5), and the transport's failures (timeout → {@link BackendStatus#TIMED_OUT}, no connection →
 * {@link BackendStatus#UNAVAILABLE}).
 */
final class NfsErrors {

  private NfsErrors() {}

  /**
   * The neutral status for an error {@code nfsstat3}; a value from outside RFC 1813 is {@link
   * BackendStatus#IO_ERROR}.
   *
   * @throws IllegalArgumentException for {@code NFS3_OK}, which is no error
   */
  static BackendStatus status(int nfsstat3) {
    BackendStatus s = known(nfsstat3);
    return s == null ? BackendStatus.IO_ERROR : s;
  }

  /**
   * The one switch: every value RFC 1813 defines has its own case (a test checks each), anything
   * else is {@code null}.
   */
  static BackendStatus known(int nfsstat3) {
    return switch (nfsstat3) {
      case Nfsstat3.NFS3_OK -> throw new IllegalArgumentException("NFS3_OK is not an error");
      case Nfsstat3.NFS3ERR_PERM -> BackendStatus.NOT_OWNER;
      case Nfsstat3.NFS3ERR_NOENT -> BackendStatus.NOT_FOUND;
      case Nfsstat3.NFS3ERR_IO -> BackendStatus.IO_ERROR;
      // ENXIO: no such device or address (an I/O to a missing device)
      case Nfsstat3.NFS3ERR_NXIO -> BackendStatus.IO_ERROR;
      case Nfsstat3.NFS3ERR_ACCES -> BackendStatus.ACCESS_DENIED;
      case Nfsstat3.NFS3ERR_EXIST -> BackendStatus.EXISTS;
      case Nfsstat3.NFS3ERR_XDEV -> BackendStatus.CROSS_DEVICE;
      // ENODEV: the operation is not supported by the device (file system)
      case Nfsstat3.NFS3ERR_NODEV -> BackendStatus.NOT_SUPPORTED;
      case Nfsstat3.NFS3ERR_NOTDIR -> BackendStatus.NOT_DIRECTORY;
      case Nfsstat3.NFS3ERR_ISDIR -> BackendStatus.IS_DIRECTORY;
      case Nfsstat3.NFS3ERR_INVAL -> BackendStatus.INVALID_ARGUMENT;
      case Nfsstat3.NFS3ERR_FBIG -> BackendStatus.FILE_TOO_LARGE;
      case Nfsstat3.NFS3ERR_NOSPC -> BackendStatus.NO_SPACE;
      case Nfsstat3.NFS3ERR_ROFS -> BackendStatus.READ_ONLY;
      case Nfsstat3.NFS3ERR_MLINK -> BackendStatus.TOO_MANY_LINKS;
      case Nfsstat3.NFS3ERR_NAMETOOLONG -> BackendStatus.NAME_TOO_LONG;
      case Nfsstat3.NFS3ERR_NOTEMPTY -> BackendStatus.NOT_EMPTY;
      case Nfsstat3.NFS3ERR_DQUOT -> BackendStatus.QUOTA_EXCEEDED;
      case Nfsstat3.NFS3ERR_STALE -> BackendStatus.STALE;
      // "too many levels of remote in path": the server would have to forward; we cannot go there
      case Nfsstat3.NFS3ERR_REMOTE -> BackendStatus.NOT_SUPPORTED;
      // the backend's handle is malformed for the backend: ours went bad (a server that changed
      // its handle format on restart); the driver re-resolves it like a stale one
      case Nfsstat3.NFS3ERR_BADHANDLE -> BackendStatus.STALE;
      case Nfsstat3.NFS3ERR_NOT_SYNC -> BackendStatus.NOT_SYNC;
      case Nfsstat3.NFS3ERR_BAD_COOKIE -> BackendStatus.BAD_COOKIE;
      case Nfsstat3.NFS3ERR_NOTSUPP -> BackendStatus.NOT_SUPPORTED;
      case Nfsstat3.NFS3ERR_TOOSMALL -> BackendStatus.TOO_SMALL;
      // the backend failed, not Ferry: SERVER_FAULT is reserved for Ferry's own bugs
      case Nfsstat3.NFS3ERR_SERVERFAULT -> BackendStatus.IO_ERROR;
      case Nfsstat3.NFS3ERR_BADTYPE -> BackendStatus.NOT_SUPPORTED;
      case Nfsstat3.NFS3ERR_JUKEBOX -> BackendStatus.DELAY;
      default -> null;
    };
  }

  /** The neutral status for an error {@code mountstat3} (RFC 1813 §5.1.5). */
  static BackendStatus mountStatus(int mountstat3) {
    return switch (mountstat3) {
      case Mountstat3.MNT3ERR_PERM -> BackendStatus.NOT_OWNER;
      case Mountstat3.MNT3ERR_NOENT -> BackendStatus.NOT_FOUND;
      case Mountstat3.MNT3ERR_ACCES -> BackendStatus.ACCESS_DENIED;
      case Mountstat3.MNT3ERR_NOTDIR -> BackendStatus.NOT_DIRECTORY;
      case Mountstat3.MNT3ERR_INVAL -> BackendStatus.INVALID_ARGUMENT;
      case Mountstat3.MNT3ERR_NAMETOOLONG -> BackendStatus.NAME_TOO_LONG;
      case Mountstat3.MNT3ERR_NOTSUPP -> BackendStatus.NOT_SUPPORTED;
      default -> BackendStatus.IO_ERROR;
    };
  }

  /** Maps anything the client library threw during {@code context}. */
  static BackendException map(IOException e, String context) {
    if (e instanceof BackendException b) {
      return b; // the driver's own verdict, already with its context, or a decoder's
    }
    if (e instanceof Nfs3Exception n) {
      return new BackendException(status(n.status()), context + ": " + n.getMessage(), n);
    }
    if (e instanceof MountException m) {
      return new BackendException(mountStatus(m.status()), context + ": " + m.getMessage(), m);
    }
    if (e instanceof RpcClient.RpcTimeoutException) {
      return new BackendException(BackendStatus.TIMED_OUT, context + ": " + e.getMessage(), e);
    }
    if (e instanceof XdrException) {
      return new BackendException(
          BackendStatus.IO_ERROR, context + ": malformed reply: " + e.getMessage(), e);
    }
    if (e instanceof OncRpcException) {
      // the server refused the call at the RPC level (program or version missing, auth refused)
      return new BackendException(
          BackendStatus.UNAVAILABLE, context + ": RPC call refused: " + e.getMessage(), e);
    }
    return new BackendException(BackendStatus.UNAVAILABLE, context + ": " + e.getMessage(), e);
  }
}
