package org.ferryfs.backend;

import java.nio.ByteBuffer;

/**
 * An open file on a backend, for I/O. Handles are owned by the core: for stateless NFS clients the
 * core keeps a small cache of them per object; for stateful SMB clients one per client open. A
 * handle is safe for concurrent positional reads and writes.
 */
public interface BackendHandle extends AutoCloseable {

  /**
   * Reads up to {@code dst.remaining()} bytes at {@code offset} into {@code dst}.
   *
   * @return the number of bytes read, which is short only at end of file, or -1 when {@code offset}
   *     is at or beyond the end of the file
   */
  int read(long offset, ByteBuffer dst) throws BackendException;

  /**
   * Writes all of {@code src} at {@code offset}. Data may stay in the backend's cache until {@link
   * #sync()}.
   *
   * @return the number of bytes written (all of them)
   */
  int write(long offset, ByteBuffer src) throws BackendException;

  /** Makes every write done through any handle on this file durable on the backend. */
  void sync() throws BackendException;

  /** The file's current attributes. */
  FileAttributes getattr() throws BackendException;

  /**
   * Takes a byte-range lock on the backend so its other clients respect it (Ferry's own clients are
   * arbitrated by the core's lock manager either way). Never waits: a conflict is {@link
   * BackendStatus#LOCKED} at once.
   *
   * @param length bytes from {@code offset}; {@code Long.MAX_VALUE} for "to the end and beyond"
   * @param exclusive a write lock (else a shared read lock)
   */
  default void lock(long offset, long length, boolean exclusive) throws BackendException {
    throw new BackendException(BackendStatus.NOT_SUPPORTED, "byte-range locks on the backend");
  }

  /** Releases a range locked by {@link #lock} on this handle. */
  default void unlock(long offset, long length) throws BackendException {
    throw new BackendException(BackendStatus.NOT_SUPPORTED, "byte-range locks on the backend");
  }

  /** Releases the handle. Never throws for an already closed handle. */
  @Override
  void close() throws BackendException;
}
