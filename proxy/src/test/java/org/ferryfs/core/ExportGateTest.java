package org.ferryfs.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.junit.jupiter.api.Test;

class ExportGateTest {
  private static final Duration LONG = Duration.ofSeconds(30);

  @Test
  void permitsAreCounted() throws Exception {
    ExportGate gate = new ExportGate();
    ExportGate.Permit a = gate.enter(LONG);
    ExportGate.Permit b = gate.enter(LONG);
    assertThat(gate.inside()).isEqualTo(2);
    a.close();
    b.close();
    assertThat(gate.inside()).isZero();
    assertThat(gate.awaitDrained(Duration.ZERO)).isTrue();
  }

  @Test
  void pausedGateHoldsNewRequestsUntilResumed() throws Exception {
    ExportGate gate = new ExportGate();
    gate.pause();
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    try {
      CompletableFuture<Integer> entered = new CompletableFuture<>();
      pool.submit(
          () -> {
            try (ExportGate.Permit p = gate.enter(LONG)) {
              entered.complete(gate.inside());
            } catch (BackendException e) {
              entered.completeExceptionally(e);
            }
          });
      // the request is waiting, not failing: it has not completed while paused
      assertThat(entered.isDone()).isFalse();
      assertThat(gate.inside()).isZero();
      gate.resume();
      assertThat(entered.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void waitingLongerThanAllowedGivesDelay() {
    ExportGate gate = new ExportGate();
    gate.pause();
    assertThatThrownBy(() -> gate.enter(Duration.ofMillis(20)))
        .isInstanceOf(BackendException.class)
        .extracting(e -> ((BackendException) e).status())
        .isEqualTo(BackendStatus.DELAY);
  }

  @Test
  void drainWaitsForRequestsInside() throws Exception {
    ExportGate gate = new ExportGate();
    ExportGate.Permit p = gate.enter(LONG);
    gate.pause();
    assertThat(gate.awaitDrained(Duration.ofMillis(10))).isFalse();
    CompletableFuture<Boolean> drained =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return gate.awaitDrained(LONG);
              } catch (InterruptedException e) {
                return false;
              }
            });
    p.close();
    assertThat(drained.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void closedGateRefusesWithStale() throws Exception {
    ExportGate gate = new ExportGate();
    gate.pause();
    gate.closeForGood();
    assertThatThrownBy(() -> gate.enter(LONG))
        .isInstanceOf(BackendException.class)
        .extracting(e -> ((BackendException) e).status())
        .isEqualTo(BackendStatus.STALE);
  }
}
