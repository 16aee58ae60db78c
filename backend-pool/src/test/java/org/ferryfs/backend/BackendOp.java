package org.ferryfs.backend;

/**
 * The operations of a {@link BackendExport} and of the {@link BackendHandle}s it opens, by name,
 * for decorators that act per operation ({@link FaultInjectingBackendExport}, {@link
 * DelayingBackendExport}).
 */
public enum BackendOp {
  GETATTR,
  SETATTR,
  LIST,
  CREATE,
  MKDIR,
  SYMLINK,
  READLINK,
  MKNOD,
  REMOVE,
  RMDIR,
  RENAME,
  LINK,
  OPEN,
  FSSTAT,
  /** {@link BackendHandle#read}. */
  READ,
  /** {@link BackendHandle#write}. */
  WRITE,
  /** {@link BackendHandle#sync}. */
  SYNC,
  /** {@link BackendHandle#getattr}. */
  HANDLE_GETATTR,
  /** {@link BackendHandle#close}. */
  HANDLE_CLOSE
}
