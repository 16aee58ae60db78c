package org.ferryfs.backend.health;

import java.time.Duration;

/**
 * When a backend is judged unhealthy and how often it is probed.
 *
 * @param failuresToDown consecutive failed requests or probes (the backend unreachable or timing
 *     out) after which it is {@code DOWN}; the first one makes it {@code SUSPECT}
 * @param probeInterval how often each backend is probed
 * @param probeTimeout how long a probe may take before it counts as failed
 */
public record HealthPolicy(int failuresToDown, Duration probeInterval, Duration probeTimeout) {
  public static final HealthPolicy DEFAULT =
      new HealthPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(5));

  public HealthPolicy {
    if (failuresToDown < 1) {
      throw new IllegalArgumentException("failuresToDown must be at least 1");
    }
    if (probeInterval.isNegative() || probeInterval.isZero()) {
      throw new IllegalArgumentException("probeInterval must be positive");
    }
  }
}
