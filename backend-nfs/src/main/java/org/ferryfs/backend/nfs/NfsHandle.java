package org.ferryfs.backend.nfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendHandle;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.OpenMode;
import org.ferryfs.nfs.client.Nfs3Client;
import org.ferryfs.nfs.v3.xdr.COMMIT3res;
import org.ferryfs.nfs.v3.xdr.NfsFh3;
import org.ferryfs.nfs.v3.xdr.READ3res;
import org.ferryfs.nfs.v3.xdr.StableHow;
import org.ferryfs.nfs.v3.xdr.WRITE3res;

/**
 * An open regular file on an NFSv3 server: its file handle. NFSv3 has no open (RFC 1813 §1.4), so
 * "open" only looks the file up; the handle keeps working after the file is renamed, as the
 * server's handle names the object, not the path.
 *
 * <p><b>I/O sizes.</b> READ and WRITE (RFC 1813 §3.3.6, §3.3.7) are split at the server's FSINFO
 * {@code rtmax}/{@code wtmax}; a short WRITE count is continued from where it stopped.
 *
 * <p><b>Durability.</b> The SPI lets written data stay in the backend's cache until {@link
 * #sync()}, so writes are UNSTABLE and {@link #sync()} is COMMIT (§3.3.21) of the whole file. The
 * write verifier of every UNSTABLE reply is remembered; if a later reply or the COMMIT carries
 * another one, the server restarted in between and may have lost uncommitted data (§3.3.7). The
 * handle does not keep written data to resend it, so {@link #sync()} then fails with {@link
 * BackendStatus#IO_ERROR} (as fsync(2) reports EIO after lost writeback), once; the caller, who
 * still has the data, decides. {@link #close()} does not COMMIT: the SPI promises durability only
 * through {@link #sync()}, as the local driver's close does not fsync.
 *
 * <p><b>Stale handle.</b> The handle is never swapped for the one its path names now: after the
 * file was removed, ext4 hands its inode number (the NFS {@code fileid}) to the next new file at
 * once, so neither the path nor the fileid proves that a re-resolved handle is the same file (NFSv3
 * has no generation number). NFS3ERR_STALE is answered as {@link BackendStatus#STALE}, and the core
 * opens the path again, as it does for the local driver. Handles of servers with persistent handles
 * (ganesha's VFS FSAL, knfsd) survive a server restart, so a restart alone does not make them
 * stale.
 *
 * <p>Byte-range locks are not forwarded (NLM is out of scope): {@link #lock} stays {@code
 * NOT_SUPPORTED}; the core's lock manager arbitrates Ferry's own clients.
 */
final class NfsHandle implements BackendHandle {
  private final NfsBackendExport export;
  private final Nfs3Client nfs;
  private final String path;
  private final OpenMode mode;
  private final int readSize;
  private final int writeSize;
  private final Object state = new Object();
  private final NfsFh3 fh;
  private volatile boolean closed;

  /** Writes not yet covered by a COMMIT; guarded by {@link #state}. */
  private long unstableWrites;

  /** The verifier of the first of them; guarded by {@link #state}. */
  private long verifier;

  /** A reply carried another verifier than {@link #verifier}; guarded by {@link #state}. */
  private boolean verifierChanged;

  NfsHandle(NfsBackendExport export, String path, NfsFh3 fh, OpenMode mode) {
    this.export = export;
    this.nfs = export.nfs();
    this.path = path;
    this.fh = fh;
    this.mode = mode;
    this.readSize = export.backend().readSize();
    this.writeSize = export.backend().writeSize();
  }

  /** One call on the file handle. */
  private interface Call<T> {
    T run(NfsFh3 handle) throws IOException;
  }

  private <T> T call(String op, Call<T> call) throws BackendException {
    if (closed) {
      throw new BackendException(BackendStatus.STALE, context(op) + ": the handle is closed");
    }
    try {
      return call.run(fh);
    } catch (IOException e) {
      throw NfsErrors.map(e, context(op));
    }
  }

  @Override
  public int read(long offset, ByteBuffer dst) throws BackendException {
    requireOffset("read", offset);
    if (!dst.hasRemaining()) {
      return 0;
    }
    int total = 0;
    while (dst.hasRemaining()) {
      int count = Math.min(dst.remaining(), readSize);
      long at = offset + total;
      READ3res r = call("read", h -> nfs.read(h, at, count));
      ByteBuffer data = r.data();
      int n = Math.min(data.remaining(), dst.remaining());
      dst.put(data.slice(data.position(), n));
      total += n;
      if (r.eof() || n == 0) {
        break;
      }
    }
    return total == 0 ? -1 : total;
  }

  @Override
  public int write(long offset, ByteBuffer src) throws BackendException {
    requireOffset("write", offset);
    if (!mode.canWrite()) {
      throw new BackendException(
          BackendStatus.ACCESS_DENIED, context("write") + ": the handle was opened for READ");
    }
    int total = 0;
    while (src.hasRemaining()) {
      int count = Math.min(src.remaining(), writeSize);
      ByteBuffer chunk = src.slice(src.position(), count);
      long at = offset + total;
      WRITE3res r = call("write", h -> nfs.write(h, at, chunk.duplicate(), StableHow.UNSTABLE));
      int n = r.count();
      if (n <= 0 || n > count) {
        throw new BackendException(
            BackendStatus.IO_ERROR, context("write") + ": the server wrote " + n + " of " + count);
      }
      noteWrite(r);
      src.position(src.position() + n);
      total += n;
    }
    return total;
  }

  private void noteWrite(WRITE3res r) {
    if (r.committed() == StableHow.FILE_SYNC) {
      return;
    }
    synchronized (state) {
      if (unstableWrites == 0) {
        verifier = r.verf();
      } else if (verifier != r.verf()) {
        verifierChanged = true;
      }
      unstableWrites++;
    }
  }

  @Override
  public void sync() throws BackendException {
    long covered;
    long expected;
    synchronized (state) {
      covered = unstableWrites;
      expected = verifier;
    }
    COMMIT3res r = call("sync", h -> nfs.commit(h, 0, 0));
    synchronized (state) {
      boolean lost = covered > 0 && (verifierChanged || r.verf() != expected);
      if (unstableWrites == covered) {
        unstableWrites = 0;
        verifierChanged = false;
      } else if (lost) {
        // writes after the COMMIT was sent carry the new verifier; forget the old ones
        unstableWrites -= covered;
        verifier = r.verf();
        verifierChanged = false;
      } else {
        unstableWrites -= covered;
      }
      if (lost) {
        throw new BackendException(
            BackendStatus.IO_ERROR,
            context("sync")
                + ": the server restarted since the last writes (write verifier changed, RFC 1813"
                + " §3.3.7); data written since the last sync may be lost");
      }
    }
  }

  @Override
  public FileAttributes getattr() throws BackendException {
    return NfsAttributes.of(call("getattr", nfs::getattr));
  }

  @Override
  public void close() {
    closed = true;
  }

  private void requireOffset(String op, long offset) throws BackendException {
    if (offset < 0) {
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT, context(op) + ": negative offset " + offset);
    }
  }

  private String context(String op) {
    return op + " of open '" + path + "' on " + export.describe();
  }

  @Override
  public String toString() {
    return "NfsHandle[" + export.describe() + " " + path + " " + mode + "]";
  }
}
