package org.ferryfs.backend.load;

import java.time.Duration;
import java.util.Map;

/**
 * Load over a recent window, for one export or one backend.
 *
 * @param window the span the figures cover
 * @param opsPerSecond operations per second by kind
 * @param readBytesPerSecond data read per second
 * @param writeBytesPerSecond data written per second
 * @param latencyP50Micros median latency of the operations, in microseconds (0 if none)
 * @param latencyP99Micros 99th-percentile latency, in microseconds (0 if none)
 * @param errors operations that failed in the window
 */
public record LoadSample(
    Duration window,
    Map<OpKind, Double> opsPerSecond,
    double readBytesPerSecond,
    double writeBytesPerSecond,
    long latencyP50Micros,
    long latencyP99Micros,
    long errors) {
  public LoadSample {
    opsPerSecond = Map.copyOf(opsPerSecond);
  }

  /** All operations per second. */
  public double totalOpsPerSecond() {
    double t = 0;
    for (double v : opsPerSecond.values()) {
      t += v;
    }
    return t;
  }
}
