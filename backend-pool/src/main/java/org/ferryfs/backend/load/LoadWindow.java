package org.ferryfs.backend.load;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts of operations over a sliding window of one-second buckets: operations by kind, bytes,
 * errors and a latency histogram, from which {@link #sample(Duration)} derives rates and
 * percentiles over the last seconds.
 *
 * <p><b>Design note.</b> A ring of {@link #SECONDS} buckets indexed by epoch second; a bucket is
 * reset when the ring comes round to it again, so recording is O(1) and needs no background task.
 * Latencies go into half-octave buckets (√2 apart) from 1 µs to about an hour, so a percentile is
 * reported as the upper bound of its bucket, at most 41% high. The clock is injected.
 */
public final class LoadWindow {
  /** Longest window a sample can cover. */
  public static final int SECONDS = 120;

  private static final int LATENCY_BUCKETS = 64;
  private static final int KINDS = OpKind.values().length;

  private final Clock clock;
  private final long[] second = new long[SECONDS];
  private final long[][] ops = new long[SECONDS][KINDS];
  private final long[] readBytes = new long[SECONDS];
  private final long[] writeBytes = new long[SECONDS];
  private final long[] errors = new long[SECONDS];
  private final long[][] latency = new long[SECONDS][LATENCY_BUCKETS];

  public LoadWindow(Clock clock) {
    this.clock = clock;
  }

  /**
   * Records one operation.
   *
   * @param bytes data moved (for READ and WRITE), else 0
   * @param failed whether it failed
   */
  public void record(OpKind kind, long latencyNanos, long bytes, boolean failed) {
    long now = clock.millis() / 1000;
    int i = (int) Math.floorMod(now, (long) SECONDS);
    synchronized (this) {
      if (second[i] != now) {
        second[i] = now;
        java.util.Arrays.fill(ops[i], 0);
        java.util.Arrays.fill(latency[i], 0);
        readBytes[i] = 0;
        writeBytes[i] = 0;
        errors[i] = 0;
      }
      ops[i][kind.ordinal()]++;
      latency[i][latencyBucket(latencyNanos)]++;
      if (kind == OpKind.READ) {
        readBytes[i] += bytes;
      } else if (kind == OpKind.WRITE) {
        writeBytes[i] += bytes;
      }
      if (failed) {
        errors[i]++;
      }
    }
  }

  /**
   * The figures of the last {@code window} (whole seconds, at most {@link #SECONDS}), not counting
   * the second in progress.
   */
  public LoadSample sample(Duration window) {
    int n = (int) Math.max(1, Math.min(SECONDS - 1, window.toSeconds()));
    long now = clock.millis() / 1000;
    long[] kindTotals = new long[KINDS];
    long[] lat = new long[LATENCY_BUCKETS];
    long rb = 0;
    long wb = 0;
    long err = 0;
    synchronized (this) {
      for (long s = now - n; s < now; s++) {
        int i = (int) Math.floorMod(s, (long) SECONDS);
        if (second[i] != s) {
          continue;
        }
        for (int k = 0; k < KINDS; k++) {
          kindTotals[k] += ops[i][k];
        }
        for (int b = 0; b < LATENCY_BUCKETS; b++) {
          lat[b] += latency[i][b];
        }
        rb += readBytes[i];
        wb += writeBytes[i];
        err += errors[i];
      }
    }
    Map<OpKind, Double> rates = new EnumMap<>(OpKind.class);
    for (OpKind k : OpKind.values()) {
      rates.put(k, kindTotals[k.ordinal()] / (double) n);
    }
    return new LoadSample(
        Duration.ofSeconds(n),
        rates,
        rb / (double) n,
        wb / (double) n,
        percentileMicros(lat, 0.50),
        percentileMicros(lat, 0.99),
        err);
  }

  static int latencyBucket(long nanos) {
    if (nanos <= 1000) {
      return 0;
    }
    double halfOctaves = 2 * (Math.log(nanos / 1000.0) / Math.log(2));
    return (int) Math.min(LATENCY_BUCKETS - 1, Math.ceil(halfOctaves));
  }

  /** Upper bound, in microseconds, of latency bucket {@code b}. */
  static long bucketUpperMicros(int b) {
    return Math.round(Math.pow(2, b / 2.0));
  }

  private static long percentileMicros(long[] hist, double q) {
    long total = 0;
    for (long c : hist) {
      total += c;
    }
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int b = 0; b < hist.length; b++) {
      seen += hist[b];
      if (seen >= rank) {
        return bucketUpperMicros(b);
      }
    }
    return bucketUpperMicros(hist.length - 1);
  }
}
