package org.ferryfs.backend.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendHandle;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.OpenMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open local file: a {@link FileChannel}, whose positional {@code read}/{@code write} ({@code
 * pread}/{@code pwrite}) are safe for concurrent use and never move a shared position.
 *
 * <p>{@link #getattr()}: java.nio has no {@code fstat} for a channel, so attributes are read by
 * path and used only if the path still names the open object (same device and inode). After the
 * file was renamed or removed behind the handle, the attributes last read are returned with the
 * size the channel reports now. A thread interrupted during I/O closes a {@code FileChannel} (a
 * java.nio rule); the handle then answers {@link BackendStatus#STALE} and the core reopens.
 */
final class LocalHandle implements BackendHandle {
  private static final Logger LOG = LoggerFactory.getLogger(LocalHandle.class);

  private final LocalBackendExport export;
  private final String path;
  private final FileChannel channel;
  private final OpenMode mode;
  private final Object fileKey;
  private volatile FileAttributes last;

  LocalHandle(
      LocalBackendExport export, String path, FileChannel channel, OpenMode mode, Object fileKey) {
    this.export = export;
    this.path = path;
    this.channel = channel;
    this.mode = mode;
    this.fileKey = fileKey;
  }

  @Override
  public int read(long offset, ByteBuffer dst) throws BackendException {
    requireOffset("read", offset);
    try {
      int total = 0;
      while (dst.hasRemaining()) {
        int n = channel.read(dst, offset + total);
        if (n < 0) {
          return total == 0 ? -1 : total;
        }
        total += n;
      }
      return total;
    } catch (IOException | RuntimeException e) {
      throw LocalErrors.map(e, context("read"));
    }
  }

  @Override
  public int write(long offset, ByteBuffer src) throws BackendException {
    requireOffset("write", offset);
    if (!mode.canWrite()) {
      throw new BackendException(
          BackendStatus.ACCESS_DENIED, context("write") + ": the handle was opened for READ");
    }
    try {
      int total = 0;
      while (src.hasRemaining()) {
        total += channel.write(src, offset + total);
      }
      return total;
    } catch (IOException | RuntimeException e) {
      throw LocalErrors.map(e, context("write"));
    }
  }

  @Override
  public void sync() throws BackendException {
    try {
      // fsync(2), data and metadata: what knfsd's COMMIT does (vfs_fsync_range, datasync 0)
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      throw LocalErrors.map(e, context("sync"));
    }
  }

  @Override
  public FileAttributes getattr() throws BackendException {
    if (!channel.isOpen()) {
      throw LocalErrors.map(new ClosedChannelException(), context("getattr"));
    }
    FileAttributes now = export.attributesIfSame(path, fileKey);
    if (now != null) {
      last = now; // the size in it is the open file's: same object
      return now;
    }
    long size;
    try {
      size = channel.size(); // fstat(2), only when the path no longer names the open file
    } catch (IOException | RuntimeException e) {
      throw LocalErrors.map(e, context("getattr"));
    }
    FileAttributes known = last;
    if (known == null) {
      throw new BackendException(
          BackendStatus.STALE,
          context("getattr")
              + ": the open file is no longer at its path and its attributes were never read");
    }
    LOG.debug("{}: file moved or removed behind the handle; answering the last attributes", path);
    return withSize(known, size);
  }

  /** Takes {@code attributes}, just read by path for the open file, for the fallback. */
  LocalHandle primed(FileAttributes attributes) {
    last = attributes;
    return this;
  }

  /** Reads the attributes once, right after open, for {@link #getattr()}'s fallback. */
  LocalHandle primed() {
    try {
      last = export.attributesIfSame(path, fileKey);
    } catch (BackendException e) {
      LOG.debug("{}: no attributes after open: {}", path, e.toString());
    }
    return this;
  }

  @Override
  public void close() throws BackendException {
    try {
      channel.close(); // idempotent
    } catch (IOException e) {
      throw LocalErrors.map(e, context("close"));
    }
  }

  @Override
  public String toString() {
    return "LocalHandle[" + export.describe() + " " + path + " " + mode + "]";
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

  private static FileAttributes withSize(FileAttributes a, long size) {
    return new FileAttributes(
        a.type(),
        a.mode(),
        a.nlink(),
        a.uid(),
        a.gid(),
        size,
        a.spaceUsed(),
        a.rdevMajor(),
        a.rdevMinor(),
        a.fileId(),
        a.atime(),
        a.mtime(),
        a.ctime(),
        a.birthTime());
  }
}
