package org.ferryfs.nfs.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Platform threads up to the limit, virtual threads beyond, nothing after shutdown. */
@Timeout(30)
class CallExecutorTest {

  @Test
  void callsBeyondThePlatformThreadsRunOnVirtualThreads() throws Exception {
    CallExecutor executor = new CallExecutor("test", 1, 2);
    CountDownLatch running = new CountDownLatch(4);
    CountDownLatch release = new CountDownLatch(1);
    Set<Boolean> virtual = ConcurrentHashMap.newKeySet();
    try {
      for (int i = 0; i < 4; i++) {
        executor.execute(
            () -> {
              virtual.add(Thread.currentThread().isVirtual());
              running.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
      }
      // All four block at once: two on platform threads, two on virtual ones.
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(virtual).containsExactlyInAnyOrder(true, false);
    } finally {
      release.countDown();
      executor.shutdown();
    }
    assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(() -> executor.execute(() -> {}))
        .isInstanceOf(RejectedExecutionException.class);
  }
}
