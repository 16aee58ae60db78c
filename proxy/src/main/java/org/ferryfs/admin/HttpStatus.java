package org.ferryfs.admin;

import org.ferryfs.backend.BackendStatus;

/** HTTP statuses the admin API uses, and the one mapping from the neutral status vocabulary. */
public final class HttpStatus {
  public static final int OK = 200;
  public static final int CREATED = 201;
  public static final int BAD_REQUEST = 400;
  public static final int UNAUTHORIZED = 401;
  public static final int FORBIDDEN = 403;
  public static final int NOT_FOUND = 404;
  public static final int METHOD_NOT_ALLOWED = 405;
  public static final int CONFLICT = 409;
  public static final int SERVER_ERROR = 500;
  public static final int UNAVAILABLE = 503;

  private HttpStatus() {}

  /** The HTTP status for a core error. */
  public static int of(BackendStatus s) {
    return switch (s) {
      case NOT_FOUND, STALE -> NOT_FOUND;
      case EXISTS, NOT_EMPTY, LOCKED, SHARING_VIOLATION, NOT_SYNC -> CONFLICT;
      case ACCESS_DENIED, NOT_OWNER, READ_ONLY -> FORBIDDEN;
      case UNAVAILABLE, TIMED_OUT, DELAY -> UNAVAILABLE;
      case NOT_DIRECTORY,
          IS_DIRECTORY,
          NAME_TOO_LONG,
          INVALID_ARGUMENT,
          FILE_TOO_LARGE,
          TOO_MANY_LINKS,
          CROSS_DEVICE,
          SYMLINK_LOOP,
          BAD_HANDLE,
          NOT_SUPPORTED,
          BAD_COOKIE,
          TOO_SMALL,
          NO_SPACE,
          QUOTA_EXCEEDED ->
          BAD_REQUEST;
      case IO_ERROR, SERVER_FAULT -> SERVER_ERROR;
    };
  }
}
