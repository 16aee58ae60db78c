package org.ferryfs.nfs.rpc;

/**
 * How long one procedure has been taking lately, to decide whether it may run on the selector
 * thread that read it (see {@link ConnectionState}): only while its running time averages at most
 * {@link #INLINE_BUDGET_NANOS}, so that a procedure that turns slow (a slow backend, a big fsync)
 * moves to the executor by itself after a few calls, and back when it is quick again.
 *
 * <p>The average is exponentially weighted (each sample counts 1/8). Updates may race and lose a
 * sample; that only blurs the average, which is all it is used for.
 */
public final class ServiceTime {

  /**
   * Longest average running time of a procedure that may still run on a selector thread: while it
   * runs, other connections of that selector wait.
   */
  public static final long INLINE_BUDGET_NANOS = 500_000;

  private volatile long average;

  /** True if the procedure may run on the thread that read its call. */
  public boolean isShort() {
    return average <= INLINE_BUDGET_NANOS;
  }

  /** Records one run of {@code nanos}. */
  public void record(long nanos) {
    long a = average;
    average = a + ((Math.max(0, nanos) - a) >> 3);
  }

  /** The current average, in nanoseconds. */
  public long averageNanos() {
    return average;
  }
}
