package org.ferryfs.backend;

/** Access a {@link BackendHandle} is opened for. */
public enum OpenMode {
  READ,
  READ_WRITE;

  public boolean canWrite() {
    return this == READ_WRITE;
  }
}
