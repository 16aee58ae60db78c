package org.ferryfs.cli;

/** Ferry's exit codes, stable for scripts. */
public enum ExitCode {
  /** Done. */
  OK(0),
  /** Failed for a reason not listed below. */
  FAILURE(1),
  /** The command line is wrong (unknown option, missing argument). */
  USAGE(2),
  /** The configuration file or the state dir is wrong or unreadable. */
  CONFIG(3),
  /** The admin API could not be reached (is {@code ferry serve} running?). */
  UNREACHABLE(4),
  /** The admin token was refused or could not be read. */
  UNAUTHORIZED(5),
  /** The export or backend named does not exist. */
  NOT_FOUND(6),
  /** The change conflicts with the current state (the name exists already). */
  CONFLICT(7),
  /** Ferry refused the request as invalid (bad name, bad path, bad client rule). */
  REFUSED(8),
  /** Ferry failed internally; its log says more. */
  SERVER_ERROR(9),
  /** Ferry or a backend is temporarily unable to do it; try again. */
  UNAVAILABLE(10),
  /** A network port or address could not be bound. */
  CANNOT_LISTEN(11);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
