package org.ferryfs.backend;

import java.time.Instant;
import java.util.Objects;

/**
 * How a SETATTR changes a time stamp: to the server's current time or to a time the client gives.
 * "Leave it" is expressed by a {@code null} {@code TimeChange} in {@link SetAttributes}.
 */
public record TimeChange(Instant time) {

  /** Set to the server's time at the moment the change is applied. */
  public static final TimeChange SERVER_NOW = new TimeChange(null);

  /** Set to the given time. */
  public static TimeChange to(Instant time) {
    return new TimeChange(Objects.requireNonNull(time, "time"));
  }

  public boolean isServerNow() {
    return time == null;
  }

  /** The time to apply, given the server's current time. */
  public Instant resolve(Instant now) {
    return time == null ? now : time;
  }
}
