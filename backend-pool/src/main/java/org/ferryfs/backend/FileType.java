package org.ferryfs.backend;

/** The kind of a file-system object, as every protocol Ferry serves knows it. */
public enum FileType {
  REGULAR,
  DIRECTORY,
  SYMLINK,
  BLOCK_DEVICE,
  CHAR_DEVICE,
  SOCKET,
  FIFO
}
