package org.ferryfs.nfs.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition that another thread makes true soon (a selector finishing a write or a
 * close), failing after a deadline; not a way to wait for time to pass.
 */
public final class Eventually {

  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private Eventually() {}

  /** Returns once {@code condition} holds; fails with {@code what} if it does not within 10 s. */
  public static void await(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("not within " + DEADLINE + ": " + what);
      }
      LockSupport.parkNanos(1_000_000);
    }
  }
}
