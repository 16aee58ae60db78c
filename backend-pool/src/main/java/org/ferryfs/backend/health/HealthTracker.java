package org.ferryfs.backend.health;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import org.ferryfs.backend.BackendHealth;
import org.ferryfs.backend.BackendStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health of one backend, from the outcomes of requests and probes.
 *
 * <pre>
 *   UP ──failure──► SUSPECT ──(failuresToDown in a row)──► DOWN
 *    ▲                 │                                     │
 *    └────success──────┘◄──────────probe succeeds────────────┘
 * </pre>
 *
 * Only failures that say the backend itself is unreachable count ({@link
 * BackendStatus#UNAVAILABLE}, {@link BackendStatus#TIMED_OUT}); a client's mistake (not found,
 * access denied) is an answer, so it is a success here. While {@code DOWN}, requests are not sent
 * at all (they fail fast) and only a successful probe brings the backend back. {@code DRAINING} is
 * an operator's decision, kept apart from what is observed ({@link #draining}).
 */
public final class HealthTracker {
  private static final Logger LOG = LoggerFactory.getLogger(HealthTracker.class);

  private final String backend;
  private final HealthPolicy policy;
  private final Clock clock;
  private final Consumer<BackendHealth> onChange;
  private BackendHealth state = BackendHealth.UP;
  private int consecutiveFailures;
  private Instant since;
  private String lastError;
  private volatile boolean draining;

  public HealthTracker(
      String backend, HealthPolicy policy, Clock clock, Consumer<BackendHealth> onChange) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.onChange = onChange == null ? s -> {} : onChange;
    this.since = clock.instant();
  }

  /** Whether a status means the backend could not be reached at all. */
  public static boolean isUnreachable(BackendStatus s) {
    return s == BackendStatus.UNAVAILABLE || s == BackendStatus.TIMED_OUT;
  }

  /** A request or probe got an answer. */
  public void succeeded() {
    BackendHealth changed = null;
    synchronized (this) {
      consecutiveFailures = 0;
      if (state != BackendHealth.UP) {
        changed = transition(BackendHealth.UP, null);
      }
    }
    notifyChange(changed);
  }

  /** A request or probe found the backend unreachable. */
  public void failed(BackendStatus status, String message) {
    if (!isUnreachable(status)) {
      succeeded();
      return;
    }
    BackendHealth changed = null;
    synchronized (this) {
      consecutiveFailures++;
      lastError = status + ": " + message;
      if (consecutiveFailures >= policy.failuresToDown() && state != BackendHealth.DOWN) {
        changed = transition(BackendHealth.DOWN, lastError);
      } else if (state == BackendHealth.UP) {
        changed = transition(BackendHealth.SUSPECT, lastError);
      }
    }
    notifyChange(changed);
  }

  private BackendHealth transition(BackendHealth to, String why) {
    BackendHealth from = state;
    state = to;
    since = clock.instant();
    if (to == BackendHealth.UP) {
      LOG.info("backend {} is UP again (was {})", backend, from);
    } else {
      LOG.warn("backend {} is {}: {}", backend, to, why);
    }
    return to;
  }

  private void notifyChange(BackendHealth changed) {
    if (changed != null) {
      onChange.accept(changed);
    }
  }

  /** What is observed: UP, SUSPECT or DOWN. */
  public synchronized BackendHealth observed() {
    return state;
  }

  /** What operators see: DRAINING when an operator drains it and it is not DOWN, else observed. */
  public synchronized BackendHealth health() {
    return draining && state != BackendHealth.DOWN ? BackendHealth.DRAINING : state;
  }

  public synchronized boolean isDown() {
    return state == BackendHealth.DOWN;
  }

  /** When the current state began. */
  public synchronized Instant since() {
    return since;
  }

  /** The last failure, or {@code null}. */
  public synchronized String lastError() {
    return lastError;
  }

  /** Marks the backend as being drained by an operator (or not). */
  public void draining(boolean value) {
    draining = value;
  }

  public String backend() {
    return backend;
  }
}
