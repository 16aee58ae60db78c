package org.ferryfs.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SleeperTest {

  @Test
  void theSystemSleeperReturnsAtOnceForZero() throws InterruptedException {
    Sleeper.SYSTEM.sleep(Duration.ZERO);
    assertThat(Sleeper.SYSTEM).hasToString("Sleeper.SYSTEM");
  }

  @Test
  void theSystemSleeperRefusesNegativeDurations() {
    assertThatThrownBy(() -> Sleeper.SYSTEM.sleep(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> Sleeper.SYSTEM.sleep(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void theSystemSleeperHonoursInterrupts() {
    Thread.currentThread().interrupt(); // Thread.sleep throws at once: no real sleep
    try {
      assertThatThrownBy(() -> Sleeper.SYSTEM.sleep(Duration.ofHours(1)))
          .isInstanceOf(InterruptedException.class);
    } finally {
      Thread.interrupted();
    }
  }
}
