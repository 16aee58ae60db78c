package org.ferryfs.admin;

/** An admin request that fails with an HTTP status, a stable code and a one-line message. */
public class AdminException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int httpStatus;
  private final String code;

  public AdminException(int httpStatus, String code, String message) {
    super(message);
    this.httpStatus = httpStatus;
    this.code = code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public String code() {
    return code;
  }
}
