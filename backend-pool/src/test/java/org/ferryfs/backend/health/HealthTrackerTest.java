package org.ferryfs.backend.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ferryfs.backend.BackendHealth;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.TestClock;
import org.junit.jupiter.api.Test;

class HealthTrackerTest {
  private final TestClock clock = new TestClock();
  private final List<BackendHealth> changes = new ArrayList<>();
  private final HealthTracker t =
      new HealthTracker(
          "s1",
          new HealthPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(1)),
          clock,
          changes::add);

  @Test
  void unreachableFailuresMakeItSuspectThenDown() {
    t.failed(BackendStatus.UNAVAILABLE, "connection refused");
    assertThat(t.observed()).isEqualTo(BackendHealth.SUSPECT);
    t.failed(BackendStatus.TIMED_OUT, "no answer");
    assertThat(t.isDown()).isFalse();
    clock.advance(Duration.ofSeconds(7));
    t.failed(BackendStatus.UNAVAILABLE, "connection refused");
    assertThat(t.observed()).isEqualTo(BackendHealth.DOWN);
    assertThat(t.since()).isEqualTo(clock.instant());
    assertThat(t.lastError()).contains("connection refused");
    t.succeeded();
    assertThat(t.observed()).isEqualTo(BackendHealth.UP);
    assertThat(changes)
        .containsExactly(BackendHealth.SUSPECT, BackendHealth.DOWN, BackendHealth.UP);
  }

  @Test
  void answersThatAreClientMistakesDoNotCount() {
    t.failed(BackendStatus.UNAVAILABLE, "x");
    t.failed(BackendStatus.NOT_FOUND, "no such file");
    assertThat(t.observed()).isEqualTo(BackendHealth.UP);
    t.failed(BackendStatus.UNAVAILABLE, "x");
    t.failed(BackendStatus.ACCESS_DENIED, "no");
    t.failed(BackendStatus.UNAVAILABLE, "x");
    t.failed(BackendStatus.UNAVAILABLE, "x");
    assertThat(t.isDown()).isFalse(); // never three in a row
  }

  @Test
  void drainingIsShownUnlessDown() {
    t.draining(true);
    assertThat(t.health()).isEqualTo(BackendHealth.DRAINING);
    for (int i = 0; i < 3; i++) {
      t.failed(BackendStatus.UNAVAILABLE, "x");
    }
    assertThat(t.health()).isEqualTo(BackendHealth.DOWN);
  }
}
