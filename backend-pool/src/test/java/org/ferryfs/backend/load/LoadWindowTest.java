package org.ferryfs.backend.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.ferryfs.backend.TestClock;
import org.junit.jupiter.api.Test;

class LoadWindowTest {
  @Test
  void ratesArePerSecondOverTheWindowAndExcludeTheCurrentSecond() {
    TestClock clock = new TestClock();
    LoadWindow w = new LoadWindow(clock);
    for (int s = 0; s < 10; s++) {
      for (int i = 0; i < 100; i++) {
        w.record(OpKind.READ, 50_000, 4096, false);
      }
      w.record(OpKind.WRITE, 2_000_000, 1 << 20, s == 3);
      w.record(OpKind.WRITE, 2_000_000, 1 << 20, false);
      clock.advance(Duration.ofSeconds(1));
    }
    w.record(OpKind.READ, 1, 1, false); // the second in progress is not counted
    LoadSample s = w.sample(Duration.ofSeconds(10));
    assertThat(s.opsPerSecond().get(OpKind.READ)).isCloseTo(100.0, within(0.001));
    assertThat(s.opsPerSecond().get(OpKind.WRITE)).isCloseTo(2.0, within(0.001));
    assertThat(s.readBytesPerSecond()).isCloseTo(409_600.0, within(0.1));
    assertThat(s.writeBytesPerSecond()).isCloseTo(2 << 20, within(0.1));
    assertThat(s.errors()).isEqualTo(1);
    // 50 µs lands in the bucket whose upper bound is 64 µs; 2 ms (2% of calls) in the 2048 µs one
    assertThat(s.latencyP50Micros()).isEqualTo(64);
    assertThat(s.latencyP99Micros()).isEqualTo(2048);
  }

  @Test
  void oldSecondsFallOutOfTheWindow() {
    TestClock clock = new TestClock();
    LoadWindow w = new LoadWindow(clock);
    w.record(OpKind.LISTING, 1000, 0, false);
    clock.advance(Duration.ofSeconds(30));
    assertThat(w.sample(Duration.ofSeconds(10)).totalOpsPerSecond()).isZero();
    assertThat(w.sample(Duration.ofSeconds(60)).totalOpsPerSecond()).isGreaterThan(0);
    // the ring comes round: the stale bucket is reset, not added to
    clock.advance(Duration.ofSeconds(LoadWindow.SECONDS));
    w.record(OpKind.LISTING, 1000, 0, false);
    clock.advance(Duration.ofSeconds(1));
    assertThat(w.sample(Duration.ofSeconds(5)).opsPerSecond().get(OpKind.LISTING))
        .isCloseTo(0.2, within(0.001));
  }

  @Test
  void latencyBucketsAreHalfOctaves() {
    assertThat(LoadWindow.latencyBucket(500)).isZero();
    assertThat(LoadWindow.bucketUpperMicros(LoadWindow.latencyBucket(1_000_000))).isEqualTo(1024);
    assertThat(LoadWindow.bucketUpperMicros(LoadWindow.latencyBucket(1_400_000))).isEqualTo(1448);
    assertThat(LoadWindow.bucketUpperMicros(LoadWindow.latencyBucket(1_500_000))).isEqualTo(2048);
    assertThat(LoadWindow.latencyBucket(Long.MAX_VALUE)).isEqualTo(63);
  }
}
