package org.ferryfs.backend;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delays operations before forwarding them, through an injected {@link Sleeper} (DESIGN.md §3.5,
 * §5.6): a slow backend for tests of timeouts, pausing and load. With a recording or scripted
 * sleeper no test really sleeps; with {@link Sleeper#SYSTEM} it does.
 *
 * <p>A thread interrupted while delayed keeps its interrupt flag and the call fails with {@link
 * BackendStatus#TIMED_OUT} without reaching the delegate.
 */
public final class DelayingBackendExport extends InterceptingBackendExport {

  private final Sleeper sleeper;
  private final Map<BackendOp, Duration> delays = new ConcurrentHashMap<>();
  private volatile Duration everyCall = Duration.ZERO;

  public DelayingBackendExport(BackendExport target, Sleeper sleeper) {
    super(target);
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** Delays every call of {@code op} by {@code delay} (instead of the delay for all calls). */
  public DelayingBackendExport delay(BackendOp op, Duration delay) {
    delays.put(Objects.requireNonNull(op, "op"), requireDelay(delay));
    return this;
  }

  /** Delays every call of an operation without a delay of its own by {@code delay}. */
  public DelayingBackendExport delayAll(Duration delay) {
    everyCall = requireDelay(delay);
    return this;
  }

  /** Removes {@code op}'s own delay. */
  public void clear(BackendOp op) {
    delays.remove(op);
  }

  /** Removes every delay. */
  public void clearAll() {
    delays.clear();
    everyCall = Duration.ZERO;
  }

  /** The delay a call of {@code op} gets now. */
  public Duration delayOf(BackendOp op) {
    return delays.getOrDefault(op, everyCall);
  }

  @Override
  protected <T> T intercept(BackendOp op, String path, Call<T> call) throws BackendException {
    Duration d = delayOf(op);
    if (!d.isZero()) {
      try {
        sleeper.sleep(d);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BackendException(
            BackendStatus.TIMED_OUT,
            "interrupted while delaying " + op + " '" + path + "' by " + d + " on " + describe(),
            e);
      }
    }
    return call.call();
  }

  private static Duration requireDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("a delay must not be negative, got " + delay);
    }
    return delay;
  }
}
