package org.ferryfs.mapping;

/** The store itself failed (I/O error, corrupt file, closed store). */
public class MappingStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MappingStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public MappingStoreException(String message) {
    super(message);
  }
}
