package org.ferryfs.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DelayingBackendExportTest {

  private final StubBackendExport stub = new StubBackendExport();
  private final List<Duration> slept = new CopyOnWriteArrayList<>();
  private final Sleeper recording = slept::add;
  private final DelayingBackendExport slow = new DelayingBackendExport(stub, recording);

  @Test
  void withoutDelaysNothingSleeps() throws Exception {
    slow.getattr("a");
    slow.fsstat();
    assertThat(slept).isEmpty();
    assertThat(stub.calls).containsExactly("getattr a", "fsstat ");
  }

  @Test
  void anOperationsOwnDelayWinsOverTheDelayForAll() throws Exception {
    slow.delayAll(Duration.ofMillis(5)).delay(BackendOp.READ, Duration.ofSeconds(2));
    slow.getattr("a");
    try (BackendHandle h = slow.open("f", OpenMode.READ)) {
      h.read(0, ByteBuffer.allocate(1));
    }
    assertThat(slept)
        .containsExactly(
            Duration.ofMillis(5), // getattr
            Duration.ofMillis(5), // open
            Duration.ofSeconds(2), // read
            Duration.ofMillis(5)); // handle close
    assertThat(slow.delayOf(BackendOp.READ)).isEqualTo(Duration.ofSeconds(2));
    slow.clear(BackendOp.READ);
    assertThat(slow.delayOf(BackendOp.READ)).isEqualTo(Duration.ofMillis(5));
    slow.clearAll();
    assertThat(slow.delayOf(BackendOp.READ)).isZero();
  }

  @Test
  void theDelayComesBeforeTheCall() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Sleeper gate =
        d -> {
          entered.countDown();
          if (!release.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("never released");
          }
        };
    DelayingBackendExport gated =
        new DelayingBackendExport(stub, gate).delay(BackendOp.RENAME, Duration.ofHours(1));
    try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
      Future<?> renaming =
          pool.submit(
              () -> {
                gated.rename("a", "b");
                return null;
              });
      assertThat(entered.await(60, TimeUnit.SECONDS)).isTrue();
      assertThat(stub.calls).as("the delegate is not called while the delay lasts").isEmpty();
      release.countDown();
      renaming.get(60, TimeUnit.SECONDS);
    }
    assertThat(stub.calls).containsExactly("rename a->b");
  }

  @Test
  void anInterruptedDelayTimesOutAndKeepsTheInterrupt() {
    Sleeper interrupted =
        d -> {
          throw new InterruptedException("test");
        };
    DelayingBackendExport d =
        new DelayingBackendExport(stub, interrupted).delay(BackendOp.LIST, Duration.ofSeconds(1));
    try {
      assertThatThrownBy(() -> d.list("dir"))
          .isInstanceOfSatisfying(
              BackendException.class,
              e -> {
                assertThat(e.status()).isEqualTo(BackendStatus.TIMED_OUT);
                assertThat(e.getMessage()).contains("LIST 'dir'").contains("PT1S");
              });
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted(); // clear it for the next test
    }
    assertThat(stub.calls).isEmpty();
  }

  @Test
  void delaysStateTheirRules() {
    assertThatThrownBy(() -> slow.delay(BackendOp.READ, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> slow.delayAll(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new DelayingBackendExport(stub, null))
        .isInstanceOf(NullPointerException.class);
  }
}
