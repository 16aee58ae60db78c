package org.ferryfs.backend.smb;

import com.hierynomus.msfscc.fileinformation.FileAllInformation;
import com.hierynomus.msfscc.fileinformation.FileBasicInformation;
import com.hierynomus.smbj.share.File;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendHandle;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.OpenMode;

/**
 * An SMB open of a regular file (one SMB2 CREATE with the access and share access asked for).
 *
 * <p>I/O: reads and writes go out in requests of the negotiated maximum size (up to {@link
 * SmbConnector#MAX_IO}), at the given offsets; a larger request is split. Byte-range locks are SMB2
 * LOCK requests that never wait (SMB2_LOCKFLAG_FAIL_IMMEDIATELY), so the server's other clients see
 * them.
 *
 * <p>Reconnects: an open belongs to one connection. When the backend's connection was replaced (the
 * server restarted), the next call reopens the file by its path with the same access and share
 * access, provided this handle holds no byte-range locks (those died with the old connection, so
 * the handle is then {@link BackendStatus#STALE}) and the path still names the same file (by its
 * IndexNumber), else {@link BackendStatus#STALE} as well.
 */
final class SmbHandle implements BackendHandle {

  /** Opens the file on a live connection. */
  @FunctionalInterface
  interface Opener {
    File open(SmbConnector.Live live) throws BackendException;
  }

  private final SmbBackend backend;
  private final String what;
  private final OpenMode mode;
  private final Opener opener;
  private final long fileId;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicInteger locks = new AtomicInteger();
  private final Clock clock;
  private final AtomicBoolean written = new AtomicBoolean();
  private volatile Current current;
  private volatile boolean closed;

  private record Current(SmbConnector.Live live, File file) {}

  SmbHandle(
      SmbBackend backend,
      String what,
      OpenMode mode,
      Opener opener,
      SmbConnector.Live live,
      Clock clock)
      throws BackendException {
    this.backend = backend;
    this.clock = clock;
    this.what = what;
    this.mode = mode;
    this.opener = opener;
    File f = opener.open(live);
    try {
      this.fileId =
          f.getFileInformation(FileAllInformation.class).getInternalInformation().getIndexNumber();
    } catch (RuntimeException e) {
      f.closeSilently();
      throw e;
    }
    this.current = new Current(live, f);
  }

  /** The open to use, reopening on a new connection where that is safe. */
  private Current current() throws BackendException {
    if (closed) {
      throw new BackendException(BackendStatus.STALE, what + ": the handle is closed");
    }
    Current c = current;
    if (c.live().usable()) {
      return c;
    }
    lock.lock();
    try {
      c = current;
      if (c.live().usable()) {
        return c;
      }
      if (locks.get() > 0) {
        throw new BackendException(
            BackendStatus.STALE,
            what + ": the connection to the backend was lost, and with it this open's locks");
      }
      Current fresh =
          backend.call(
              "reopen " + what,
              live -> {
                File f = opener.open(live);
                long id =
                    f.getFileInformation(FileAllInformation.class)
                        .getInternalInformation()
                        .getIndexNumber();
                if (id != fileId) {
                  f.closeSilently();
                  throw new BackendException(
                      BackendStatus.STALE, what + ": the path names another file now");
                }
                return new Current(live, f);
              });
      current = fresh;
      return fresh;
    } finally {
      lock.unlock();
    }
  }

  private <T> T io(String op, IoCall<T> call) throws BackendException {
    Current c = current();
    try {
      return call.run(c.file(), c.live());
    } catch (RuntimeException e) {
      if (SmbErrors.losesConnection(e)) {
        backend.lost(c.live());
      }
      throw SmbErrors.map(e, op + " " + what);
    }
  }

  @FunctionalInterface
  private interface IoCall<T> {
    T run(File f, SmbConnector.Live live) throws BackendException;
  }

  @Override
  public int read(long offset, ByteBuffer dst) throws BackendException {
    checkOffset(offset);
    if (!dst.hasRemaining()) {
      return 0;
    }
    return io(
        "read",
        (f, live) -> {
          int chunk = live.readSize();
          byte[] tmp = dst.hasArray() ? null : new byte[Math.min(chunk, dst.remaining())];
          int total = 0;
          while (dst.hasRemaining()) {
            int want = Math.min(chunk, dst.remaining());
            int n;
            if (tmp == null) {
              n = f.read(dst.array(), offset + total, dst.arrayOffset() + dst.position(), want);
              if (n > 0) {
                dst.position(dst.position() + n);
              }
            } else {
              n = f.read(tmp, offset + total, 0, Math.min(want, tmp.length));
              if (n > 0) {
                dst.put(tmp, 0, n);
              }
            }
            if (n <= 0) {
              break; // end of file
            }
            total += n;
            if (n < want) {
              break; // a short read is the end of the file
            }
          }
          return total == 0 ? -1 : total;
        });
  }

  @Override
  public int write(long offset, ByteBuffer src) throws BackendException {
    checkOffset(offset);
    if (!mode.canWrite()) {
      throw new BackendException(
          BackendStatus.ACCESS_DENIED, "write " + what + ": the handle is open for reading only");
    }
    int length = src.remaining();
    if (length == 0) {
      return 0;
    }
    return io(
        "write",
        (f, live) -> {
          int chunk = live.writeSize();
          int done = 0;
          if (src.hasArray()) {
            while (done < length) {
              int n = Math.min(chunk, length - done);
              long w = f.write(src.array(), offset + done, src.arrayOffset() + src.position(), n);
              if (w != n) {
                throw new BackendException(
                    BackendStatus.IO_ERROR, "write " + what + ": short write " + w + " of " + n);
              }
              src.position(src.position() + n);
              done += n;
            }
          } else {
            byte[] tmp = new byte[Math.min(chunk, length)];
            while (done < length) {
              int n = Math.min(tmp.length, length - done);
              src.get(tmp, 0, n);
              long w = f.write(tmp, offset + done, 0, n);
              if (w != n) {
                throw new BackendException(
                    BackendStatus.IO_ERROR, "write " + what + ": short write " + w + " of " + n);
              }
              done += n;
            }
          }
          written.set(true);
          return done;
        });
  }

  /**
   * Makes the modification time of the writes so far visible. Servers defer updating the write time
   * of a file open for writing (Windows, and Samba emulating it, for up to 2 seconds or until the
   * close), and report the old time meanwhile; so before answering attributes, syncing or closing
   * after writes, the handle sets LastWriteTime to now itself ([MS-FSA] 2.1.5.14.2: an explicit
   * time also stops the server's own later updates on this open, hence once per batch of writes,
   * not once).
   */
  private void touch(File f) {
    if (written.getAndSet(false)) {
      f.setFileInformation(
          new FileBasicInformation(
              FileBasicInformation.DONT_SET,
              FileBasicInformation.DONT_SET,
              SmbAttributes.fileTime(clock.instant()),
              FileBasicInformation.DONT_SET,
              0));
    }
  }

  @Override
  public void sync() throws BackendException {
    io(
        "sync",
        (f, live) -> {
          if (mode.canWrite()) {
            touch(f);
            f.flush(); // SMB2 FLUSH needs write access
          }
          return null;
        });
  }

  @Override
  public FileAttributes getattr() throws BackendException {
    return io(
        "getattr",
        (f, live) -> {
          touch(f);
          return SmbAttributes.of(f.getFileInformation(FileAllInformation.class));
        });
  }

  @Override
  public void lock(long offset, long length, boolean exclusive) throws BackendException {
    checkRange(offset, length);
    io(
        "lock",
        (f, live) -> {
          if (exclusive) {
            f.requestLock().exclusiveLock(offset, length, true).send();
          } else {
            f.requestLock().sharedLock(offset, length, true).send();
          }
          locks.incrementAndGet();
          return null;
        });
  }

  @Override
  public void unlock(long offset, long length) throws BackendException {
    checkRange(offset, length);
    io(
        "unlock",
        (f, live) -> {
          f.requestLock().unlock(offset, length).send();
          locks.updateAndGet(n -> Math.max(0, n - 1));
          return null;
        });
  }

  @Override
  public void close() throws BackendException {
    if (closed) {
      return;
    }
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      Current c = current;
      if (!c.live().usable()) {
        return; // the server dropped the open with the connection
      }
      try {
        try {
          touch(c.file());
        } catch (RuntimeException e) {
          if (SmbErrors.losesConnection(e)) {
            throw e;
          }
          // the modification time stays as the server keeps it; the close matters more
        }
        c.file().close();
      } catch (RuntimeException e) {
        if (SmbErrors.losesConnection(e)) {
          backend.lost(c.live());
          return;
        }
        throw SmbErrors.map(e, "close " + what);
      }
    } finally {
      lock.unlock();
    }
  }

  private void checkOffset(long offset) throws BackendException {
    if (offset < 0) {
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT, what + ": negative offset " + offset);
    }
  }

  private void checkRange(long offset, long length) throws BackendException {
    if (offset < 0 || length < 0) {
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT,
          what + ": invalid lock range offset " + offset + " length " + length);
    }
  }

  @Override
  public String toString() {
    return "SmbHandle[" + what + " " + mode + "]";
  }
}
