package org.ferryfs.nfs.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Admission control of one connection: the in-flight limit, queueing and back-pressure. */
class ConnectionStateTest {

  private final List<Runnable> started = new ArrayList<>();
  private final FakeControl control = new FakeControl();

  private ConnectionState state(int maxInFlight, int maxQueued) {
    return new ConnectionState(control, null, started::add, maxInFlight, maxQueued);
  }

  @Test
  void beyondTheLimitCallsQueueAndReadingStops() {
    ConnectionState s = state(4, 100);
    for (int i = 0; i < 10; i++) {
      s.submit(() -> {});
    }
    assertThat(started).hasSize(4);
    assertThat(s.inFlight()).isEqualTo(4);
    assertThat(control.reading).isFalse();

    // Each finished call starts the next queued one; the slot count stays at the limit.
    for (int i = 0; i < 6; i++) {
      s.done();
      assertThat(started).hasSize(5 + i);
      assertThat(s.inFlight()).isEqualTo(4);
    }
    assertThat(control.reading).isFalse();
    s.done(); // the queue is empty now: a free slot and reading resumes
    assertThat(control.reading).isTrue();
    assertThat(s.inFlight()).isEqualTo(3);
    s.done();
    s.done();
    s.done();
    assertThat(s.inFlight()).isZero();
    assertThat(control.closes).isZero();
  }

  @Test
  void aQueueBeyondItsSafetyNetClosesTheConnection() {
    ConnectionState s = state(2, 3);
    for (int i = 0; i < 5; i++) {
      s.submit(() -> {});
    }
    assertThat(control.closes).isZero();
    s.submit(() -> {});
    assertThat(control.closes).isEqualTo(1);
  }

  @Test
  void aClosedConnectionDropsQueuedAndNewCalls() {
    ConnectionState s = state(1, 10);
    s.submit(() -> {});
    s.submit(() -> {});
    s.closed();
    s.done();
    s.submit(() -> {});
    assertThat(started).hasSize(1);
    assertThat(s.inFlight()).isZero();
  }

  @Test
  void aRejectingExecutorDoesNotLeakSlots() {
    ConnectionState s =
        new ConnectionState(
            control,
            null,
            r -> {
              throw new java.util.concurrent.RejectedExecutionException("closed");
            },
            2,
            10);
    s.submit(() -> {});
    assertThat(s.inFlight()).isZero();
  }

  @Test
  void aShortCallRunsOnTheCallingThreadWhenNothingElseRuns() {
    ConnectionState s = state(4, 100);
    List<String> ran = new ArrayList<>();
    s.submit(inline(() -> ran.add("first")));
    assertThat(ran).containsExactly("first");
    assertThat(started).isEmpty();
    // The first still runs: the next inline-able call goes to the executor.
    s.submit(inline(() -> ran.add("second")));
    assertThat(ran).containsExactly("first");
    assertThat(started).hasSize(1);
    s.replying();
    s.replying();
    assertThat(s.running()).isZero();
    // Both replies are still being written, but nothing runs: inline again.
    s.submit(inline(() -> ran.add("third")));
    assertThat(ran).containsExactly("first", "third");
    s.replying();
    s.done();
    s.done();
    s.done();
    assertThat(s.inFlight()).isZero();
    assertThat(s.running()).isZero();
  }

  @Test
  void queuedCallsNeverRunInline() {
    ConnectionState s = state(1, 10);
    List<String> ran = new ArrayList<>();
    s.submit(() -> {});
    s.submit(inline(() -> ran.add("queued")));
    s.replying();
    s.done(); // starts the queued call: on the executor, not here
    assertThat(ran).isEmpty();
    assertThat(started).hasSize(2);
    assertThat(s.running()).isEqualTo(1);
  }

  @Test
  void queuedCallsAreAbandonedWhenTheConnectionCloses() {
    ConnectionState s = state(1, 10);
    List<String> abandoned = new ArrayList<>();
    s.submit(() -> {});
    for (int i = 0; i < 3; i++) {
      s.submit(abandoning("q" + i, abandoned));
    }
    s.closed();
    assertThat(abandoned).containsExactly("q0", "q1", "q2");
    s.submit(abandoning("late", abandoned));
    assertThat(abandoned).endsWith("late");
  }

  private static ConnectionState.Task inline(Runnable r) {
    return new ConnectionState.Task() {
      @Override
      public void run() {
        r.run();
      }

      @Override
      public boolean mayRunInline() {
        return true;
      }
    };
  }

  /** A task that records its name in {@code log} when abandoned. */
  private static ConnectionState.Task abandoning(String name, List<String> log) {
    return new ConnectionState.Task() {
      @Override
      public void run() {}

      @Override
      public void abandon() {
        log.add(name);
      }
    };
  }

  private static final class FakeControl implements ConnectionControl {
    boolean reading = true;
    int closes;

    @Override
    public void setReading(boolean on) {
      reading = on;
    }

    @Override
    public void close() {
      closes++;
    }

    @Override
    public InetSocketAddress remote() {
      return new InetSocketAddress("127.0.0.1", 1);
    }
  }
}
