package org.ferryfs.backend;

import java.time.Duration;
import java.util.Objects;

/**
 * Waits for a while. Injected wherever code must pause (retry back-off, delay injection, probe
 * intervals) so tests can record or script the pauses instead of really sleeping (DESIGN.md §3.5).
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Pauses the calling thread.
   *
   * @param duration how long; zero returns at once, negative is a caller bug
   * @throws InterruptedException if the thread is interrupted while paused
   */
  void sleep(Duration duration) throws InterruptedException;

  /** Really sleeps, with {@link Thread#sleep(Duration)}. */
  Sleeper SYSTEM = new SystemSleeper();

  /** The real sleeper; a named class so it prints as {@code Sleeper.SYSTEM}. */
  final class SystemSleeper implements Sleeper {
    private SystemSleeper() {}

    @Override
    public void sleep(Duration duration) throws InterruptedException {
      Objects.requireNonNull(duration, "duration");
      if (duration.isNegative()) {
        throw new IllegalArgumentException("cannot sleep a negative duration: " + duration);
      }
      if (!duration.isZero()) {
        Thread.sleep(duration);
      }
    }

    @Override
    public String toString() {
      return "Sleeper.SYSTEM";
    }
  }
}
