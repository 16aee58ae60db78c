package org.ferryfs.backend;

import org.ferryfs.backend.load.OpKind;

/**
 * The operations of a {@link BackendExport} and of the {@link BackendHandle}s it opens, by name,
 * for decorators that act per operation (metering and health in the pool; fault injection and
 * delays in the test-jar), each with the {@link OpKind} load is counted under.
 */
public enum BackendOp {
  GETATTR(OpKind.METADATA),
  SETATTR(OpKind.METADATA),
  LIST(OpKind.LISTING),
  CREATE(OpKind.NAMESPACE),
  MKDIR(OpKind.NAMESPACE),
  SYMLINK(OpKind.NAMESPACE),
  READLINK(OpKind.METADATA),
  MKNOD(OpKind.NAMESPACE),
  REMOVE(OpKind.NAMESPACE),
  RMDIR(OpKind.NAMESPACE),
  RENAME(OpKind.NAMESPACE),
  LINK(OpKind.NAMESPACE),
  OPEN(OpKind.METADATA),
  FSSTAT(OpKind.METADATA),
  /** {@link BackendHandle#read}. */
  READ(OpKind.READ),
  /** {@link BackendHandle#write}. */
  WRITE(OpKind.WRITE),
  /** {@link BackendHandle#sync}. */
  SYNC(OpKind.WRITE),
  /** {@link BackendHandle#getattr}. */
  HANDLE_GETATTR(OpKind.METADATA),
  /** {@link BackendHandle#lock}. */
  LOCK(OpKind.METADATA),
  /** {@link BackendHandle#unlock}. */
  UNLOCK(OpKind.METADATA),
  /** {@link BackendHandle#close}. */
  HANDLE_CLOSE(OpKind.METADATA);

  private final OpKind kind;

  BackendOp(OpKind kind) {
    this.kind = kind;
  }

  /** The kind load is counted under. */
  public OpKind kind() {
    return kind;
  }
}
