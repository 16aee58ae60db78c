package org.ferryfs.backend;

import java.io.IOException;
import java.util.Objects;

/**
 * A failed file operation, carrying a neutral {@link BackendStatus}. Thrown by backend drivers and
 * by the core's front-end facade; front ends map the status once, in one exhaustive switch.
 */
public class BackendException extends IOException {
  private static final long serialVersionUID = 1L;

  private final BackendStatus status;

  public BackendException(BackendStatus status, String message) {
    super(message);
    this.status = Objects.requireNonNull(status, "status");
  }

  public BackendException(BackendStatus status, String message, Throwable cause) {
    super(message, cause);
    this.status = Objects.requireNonNull(status, "status");
  }

  public BackendStatus status() {
    return status;
  }

  @Override
  public String toString() {
    return status + ": " + getMessage();
  }
}
