package org.ferryfs.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.ferryfs.backend.health.HealthGuardBackendExport;
import org.ferryfs.backend.health.HealthPolicy;
import org.ferryfs.backend.health.HealthTracker;
import org.ferryfs.backend.load.LoadSample;
import org.ferryfs.backend.load.LoadWindow;
import org.ferryfs.backend.load.MeteredBackendExport;
import org.ferryfs.backend.load.OpKind;
import org.junit.jupiter.api.Test;

class HealthAndLoadDecoratorsTest {
  private final TestClock clock = new TestClock();

  @Test
  void meteringCountsKindsBytesAndFailures() throws Exception {
    LoadWindow export = new LoadWindow(clock);
    LoadWindow backend = new LoadWindow(clock);
    FaultInjectingBackendExport faults = new FaultInjectingBackendExport(new StubBackendExport());
    BackendExport e = new MeteredBackendExport(faults, List.of(export, backend));
    e.getattr("a");
    e.list("");
    try (BackendHandle h = e.open("f", OpenMode.READ_WRITE)) {
      h.write(0, ByteBuffer.allocate(1000));
      h.read(0, ByteBuffer.allocate(300));
    }
    faults.inject(FaultInjectingBackendExport.Fault.of(BackendOp.REMOVE, BackendStatus.IO_ERROR));
    assertThatThrownBy(() -> e.remove("x")).isInstanceOf(BackendException.class);
    clock.advance(Duration.ofSeconds(1));
    for (LoadWindow w : List.of(export, backend)) {
      LoadSample s = w.sample(Duration.ofSeconds(1));
      assertThat(s.opsPerSecond().get(OpKind.LISTING)).isEqualTo(1.0);
      assertThat(s.opsPerSecond().get(OpKind.WRITE)).isEqualTo(1.0);
      assertThat(s.opsPerSecond().get(OpKind.NAMESPACE)).isEqualTo(1.0);
      assertThat(s.writeBytesPerSecond()).isEqualTo(1000.0);
      assertThat(s.errors()).isEqualTo(1);
    }
  }

  @Test
  void aDownBackendFailsFastAndComesBackAfterAProbe() throws Exception {
    HealthTracker health =
        new HealthTracker(
            "s1",
            new HealthPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(1)),
            clock,
            s -> {});
    FaultInjectingBackendExport faults = new FaultInjectingBackendExport(new StubBackendExport());
    BackendExport e = new HealthGuardBackendExport(faults, health);
    faults.inject(FaultInjectingBackendExport.Fault.of(BackendOp.GETATTR, BackendStatus.TIMED_OUT));
    assertThatThrownBy(() -> e.getattr("a")).isInstanceOf(BackendException.class);
    assertThatThrownBy(() -> e.getattr("a")).isInstanceOf(BackendException.class);
    assertThat(health.isDown()).isTrue();
    long before = faults.calls(BackendOp.GETATTR);
    assertThatThrownBy(() -> e.getattr("a"))
        .isInstanceOf(BackendException.class)
        .hasMessageContaining("backend 's1' is down");
    assertThat(faults.calls(BackendOp.GETATTR)).isEqualTo(before); // not sent at all
    health.succeeded(); // a probe answered
    faults.clearAll();
    assertThat(e.getattr("a")).isNotNull();
  }

  @Test
  void thePoolProbesBackendsAndTimesOutHungProbes() throws Exception {
    AtomicReference<String> mode = new AtomicReference<>("ok");
    BackendDriver driver =
        new BackendDriver() {
          @Override
          public String scheme() {
            return "test";
          }

          @Override
          public Backend open(BackendConfig config) {
            return new Backend() {
              @Override
              public String name() {
                return config.name();
              }

              @Override
              public URI url() {
                return config.url();
              }

              @Override
              public BackendExport export(String path, boolean createIfMissing) {
                return new StubBackendExport();
              }

              @Override
              public void probe() throws BackendException {
                switch (mode.get()) {
                  case "refused" ->
                      throw new BackendException(BackendStatus.UNAVAILABLE, "refused");
                  case "hang" -> {
                    try {
                      new java.util.concurrent.CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                  default -> {}
                }
              }

              @Override
              public void close() {}
            };
          }
        };
    try (BackendPool pool =
        new BackendPool(
            List.of(driver),
            new HealthPolicy(2, Duration.ofSeconds(60), Duration.ofMillis(200)),
            clock)) {
      assertThat(pool.allCallsAreLocal()).as("an empty pool").isTrue();
      pool.add(new BackendConfig("t", URI.create("test://x"), java.util.Map.of()));
      assertThat(pool.allCallsAreLocal()).as("a backend that does not say it is local").isFalse();
      BackendPool.Entry e = pool.entry("t");
      pool.probeAll();
      assertThat(e.health()).isEqualTo(BackendHealth.UP);
      mode.set("refused");
      pool.probeAll();
      assertThat(e.health()).isEqualTo(BackendHealth.SUSPECT);
      mode.set("hang");
      pool.probeAll();
      assertThat(e.health()).isEqualTo(BackendHealth.DOWN);
      assertThat(e.tracker().lastError()).contains("probe did not answer");
      assertThatThrownBy(() -> pool.openExport("t", "/x", true, new LoadWindow(clock)))
          .isInstanceOf(BackendException.class)
          .hasMessageContaining("down");
      mode.set("ok");
      pool.probeAll();
      assertThat(e.health()).isEqualTo(BackendHealth.UP);
    }
  }
}
