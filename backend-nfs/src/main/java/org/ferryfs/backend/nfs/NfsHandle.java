package org.ferryfs.backend.nfs;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendHandle;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.OpenMode;

/**
 * An open regular file on an NFSv3 server: its file handle. NFSv3 has no open (RFC 1813 §1.4), so
 * "open" only looks the file up; the handle keeps working after the file is renamed, as the
 * server's handle names the object, not the path.
 *
 * <p><b>I/O.</b> Reads, writes, sync and attributes are those of the file's {@link NfsFileIo},
 * shared by every handle on the same server file handle: READ and WRITE (RFC 1813 §3.3.6, §3.3.7)
 * split at the server's FSINFO {@code rtmax}/{@code wtmax}, write-behind, read-ahead, and
 * attributes taken from the replies (see there).
 *
 * <p><b>Durability.</b> The SPI lets written data stay in the backend's cache until {@link
 * #sync()}, so writes are UNSTABLE (and sent behind) and {@link #sync()} waits for all of them and
 * COMMITs (§3.3.21) the whole file. The write verifier of every UNSTABLE reply is remembered; if a
 * later reply or the COMMIT carries another one, the server restarted in between and may have lost
 * uncommitted data (§3.3.7). The handle does not keep written data to resend it, so {@link #sync()}
 * then fails with {@link BackendStatus#IO_ERROR} (as fsync(2) reports EIO after lost writeback),
 * once; the caller, who still has the data, decides. A WRITE sent behind that failed fails the next
 * write and, once, the next {@link #sync()}. {@link #close()} does not COMMIT: the SPI promises
 * durability only through {@link #sync()}, as the local driver's close does not fsync; it waits for
 * the WRITEs in flight, and a failure among them is kept for the next handle's sync.
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
  private final String path;
  private final OpenMode mode;
  private final NfsFileIo io;
  private final AtomicBoolean closed = new AtomicBoolean();

  NfsHandle(NfsBackendExport export, String path, NfsFileIo io, OpenMode mode) {
    this.export = export;
    this.path = path;
    this.io = io;
    this.mode = mode;
  }

  NfsFileIo io() {
    return io;
  }

  private void requireOpen(String op) throws BackendException {
    if (closed.get()) {
      throw new BackendException(BackendStatus.STALE, context(op) + ": the handle is closed");
    }
  }

  @Override
  public int read(long offset, ByteBuffer dst) throws BackendException {
    requireOffset("read", offset);
    requireOpen("read");
    return io.read(offset, dst);
  }

  @Override
  public int write(long offset, ByteBuffer src) throws BackendException {
    requireOffset("write", offset);
    requireOpen("write");
    if (!mode.canWrite()) {
      throw new BackendException(
          BackendStatus.ACCESS_DENIED, context("write") + ": the handle was opened for READ");
    }
    return io.write(offset, src);
  }

  @Override
  public void sync() throws BackendException {
    requireOpen("sync");
    io.sync(this::context);
  }

  @Override
  public FileAttributes getattr() throws BackendException {
    requireOpen("getattr");
    return NfsAttributes.of(io.attributes());
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      export.release(io);
    }
  }

  private void requireOffset(String op, long offset) throws BackendException {
    if (offset < 0) {
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT, context(op) + ": negative offset " + offset);
    }
  }

  String context(String op) {
    return op + " of open '" + path + "' on " + export.describe();
  }

  @Override
  public String toString() {
    return "NfsHandle[" + export.describe() + " " + path + " " + mode + "]";
  }
}
