package org.ferryfs.nfs.rpc;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where the calls that do not run on a selector thread run: a pool of platform threads that grows
 * on demand up to {@code maxThreads} (and shrinks back to {@code coreThreads} when idle), and
 * beyond that one virtual thread per call, so that calls blocked on a slow backend never starve the
 * others.
 *
 * <p>Why platform threads first: the calls that get here are mostly the ones that block in the
 * kernel (fsync, unlink, a 1 MiB write under dirty-page throttling). A virtual thread blocked in
 * file I/O pins its carrier, and the scheduler compensates by starting or waking another carrier
 * for every such call; measured with 1 MiB WRITEs all sent here, that made put 976 MiB/s against
 * 1472 MiB/s on platform threads (nfsbench, medians of 8).
 */
final class CallExecutor extends AbstractExecutorService {

  private final ThreadPoolExecutor platform;
  private final ExecutorService overflow;

  /**
   * @param name thread name prefix
   * @param coreThreads platform threads kept when idle
   * @param maxThreads most platform threads; calls beyond get a virtual thread each
   */
  CallExecutor(String name, int coreThreads, int maxThreads) {
    this.overflow =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name + "-v", 0).factory());
    this.platform =
        new ThreadPoolExecutor(
            coreThreads,
            maxThreads,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            Thread.ofPlatform().daemon().name(name + "-", 0).factory(),
            (task, pool) -> overflow.execute(task));
  }

  @Override
  public void execute(Runnable task) {
    platform.execute(task);
  }

  @Override
  public void shutdown() {
    platform.shutdown();
    overflow.shutdown();
  }

  @Override
  public List<Runnable> shutdownNow() {
    List<Runnable> left = platform.shutdownNow();
    overflow.shutdownNow();
    return left;
  }

  @Override
  public boolean isShutdown() {
    return platform.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return platform.isTerminated() && overflow.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long end = System.nanoTime() + unit.toNanos(timeout);
    return platform.awaitTermination(timeout, unit)
        && overflow.awaitTermination(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
  }
}
