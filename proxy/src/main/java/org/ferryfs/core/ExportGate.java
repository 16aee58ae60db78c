package org.ferryfs.core;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;

/**
 * Admission to one export's data path, so a move can stop new requests, let the ones in flight
 * finish, switch the backend, and let the waiting requests through (DESIGN.md §1).
 *
 * <p>Requests call {@link #enter(Duration)} and close the returned permit when done. The gate uses
 * one small lock, held only to update counters, never across backend I/O.
 *
 * <p>{@link #pause()} closes the gate: new requests wait (up to the time they are allowed to wait,
 * then get {@link BackendStatus#DELAY}, which clients retry); {@link #awaitDrained(Duration)} waits
 * until no request is inside; {@link #resume()} opens the gate and wakes the waiters.
 */
public final class ExportGate {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition opened = lock.newCondition();
  private final Condition drained = lock.newCondition();
  private int inside;
  private boolean paused;
  private boolean closedForGood;

  /** Held by a request while it is inside the export. */
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  private final Permit permit = this::leave;

  /**
   * Enters the export, waiting while it is paused.
   *
   * @param maxWait how long this request may wait for a paused gate
   * @throws BackendException {@link BackendStatus#DELAY} if the gate stayed paused longer, {@link
   *     BackendStatus#STALE} if the export was removed
   */
  public Permit enter(Duration maxWait) throws BackendException {
    lock.lock();
    try {
      if (paused) {
        long nanos = maxWait.toNanos();
        while (paused && !closedForGood) {
          if (nanos <= 0) {
            throw new BackendException(
                BackendStatus.DELAY,
                "export is paused for longer than " + maxWait.toMillis() + " ms");
          }
          try {
            nanos = opened.awaitNanos(nanos);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException(BackendStatus.DELAY, "interrupted while waiting", e);
          }
        }
      }
      if (closedForGood) {
        throw new BackendException(BackendStatus.STALE, "export was removed");
      }
      inside++;
      return permit;
    } finally {
      lock.unlock();
    }
  }

  private void leave() {
    lock.lock();
    try {
      inside--;
      if (inside == 0) {
        drained.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Stops admitting new requests. Idempotent. */
  public void pause() {
    lock.lock();
    try {
      paused = true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until no request is inside.
   *
   * @return true if drained, false if {@code timeout} passed first
   */
  public boolean awaitDrained(Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      long nanos = timeout.toNanos();
      while (inside > 0) {
        if (nanos <= 0) {
          return false;
        }
        nanos = drained.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Admits requests again and wakes the waiting ones. Idempotent. */
  public void resume() {
    lock.lock();
    try {
      paused = false;
      opened.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Refuses every request from now on (the export was removed); waiters get STALE. */
  public void closeForGood() {
    lock.lock();
    try {
      closedForGood = true;
      opened.signalAll();
    } finally {
      lock.unlock();
    }
  }

  public boolean isPaused() {
    lock.lock();
    try {
      return paused;
    } finally {
      lock.unlock();
    }
  }

  /** Requests inside now. */
  public int inside() {
    lock.lock();
    try {
      return inside;
    } finally {
      lock.unlock();
    }
  }

  /** Convenience for tests and moves: time unit form of {@link #awaitDrained(Duration)}. */
  public boolean awaitDrained(long amount, TimeUnit unit) throws InterruptedException {
    return awaitDrained(Duration.ofNanos(unit.toNanos(amount)));
  }
}
