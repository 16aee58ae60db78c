package org.ferryfs.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.ferryfs.backend.FaultInjectingBackendExport.Fault;
import org.ferryfs.backend.local.LocalDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultInjectingBackendExportTest {

  private final StubBackendExport stub = new StubBackendExport();
  private final FaultInjectingBackendExport faults = new FaultInjectingBackendExport(stub);

  @Test
  void withoutFaultsEverythingIsForwarded() throws Exception {
    assertThat(faults.getattr("a")).isSameAs(StubBackendExport.ATTRIBUTES);
    assertThat(faults.readlink("l")).isEqualTo("target");
    assertThat(stub.calls).containsExactly("getattr a", "readlink l");
    assertThat(faults.calls(BackendOp.GETATTR)).isEqualTo(1);
    assertThat(faults.injected(BackendOp.GETATTR)).isZero();
  }

  @Test
  void anAlwaysFaultFailsEveryCallWithoutReachingTheDelegate() {
    faults.inject(Fault.of(BackendOp.REMOVE, BackendStatus.IO_ERROR));
    for (int i = 0; i < 3; i++) {
      assertFails(BackendStatus.IO_ERROR, () -> faults.remove("f"));
    }
    assertThat(stub.calls).isEmpty();
    assertThat(faults.injected(BackendOp.REMOVE)).isEqualTo(3);
  }

  @Test
  void theFirstCallsPassThenCallsFail() throws Exception {
    faults.inject(Fault.of(BackendOp.GETATTR, BackendStatus.UNAVAILABLE).afterCalls(2));
    faults.getattr("a");
    faults.getattr("a");
    assertFails(BackendStatus.UNAVAILABLE, () -> faults.getattr("a"));
    assertFails(BackendStatus.UNAVAILABLE, () -> faults.getattr("a"));
    assertThat(stub.calls).hasSize(2);
  }

  @Test
  void aLimitedFaultStopsAfterItsFailures() throws Exception {
    faults.inject(Fault.of(BackendOp.MKDIR, BackendStatus.DELAY).afterCalls(1).times(2));
    faults.mkdir("d", SetAttributes.NONE);
    assertFails(BackendStatus.DELAY, () -> faults.mkdir("d", SetAttributes.NONE));
    assertFails(BackendStatus.DELAY, () -> faults.mkdir("d", SetAttributes.NONE));
    faults.mkdir("d", SetAttributes.NONE);
    faults.mkdir("d", SetAttributes.NONE);
    assertThat(stub.calls).hasSize(3);
    assertThat(faults.calls(BackendOp.MKDIR)).isEqualTo(5);
    assertThat(faults.injected(BackendOp.MKDIR)).isEqualTo(2);
  }

  @Test
  void aPathFilterCountsAndFailsOnlyMatchingCalls() throws Exception {
    faults.inject(Fault.of(BackendOp.CREATE, BackendStatus.NO_SPACE).onPath("big").afterCalls(1));
    faults.create("small", SetAttributes.NONE, true);
    faults.create("big", SetAttributes.NONE, true);
    faults.create("small", SetAttributes.NONE, true);
    assertFails(BackendStatus.NO_SPACE, () -> faults.create("big", SetAttributes.NONE, true));
    faults.create("small", SetAttributes.NONE, true);
    assertThat(stub.calls)
        .containsExactly("create small", "create big", "create small", "create small");
  }

  @Test
  void aLostReplyPerformsTheCallThenFails() {
    faults.inject(Fault.of(BackendOp.RENAME, BackendStatus.TIMED_OUT).lostReply());
    assertThatThrownBy(() -> faults.rename("a", "b"))
        .isInstanceOfSatisfying(
            BackendException.class,
            e -> {
              assertThat(e.status()).isEqualTo(BackendStatus.TIMED_OUT);
              assertThat(e.getMessage())
                  .contains("injected fault")
                  .contains("RENAME 'a'")
                  .contains("stub:///export")
                  .contains("after performing it");
            });
    assertThat(stub.calls).containsExactly("rename a->b");
  }

  @Test
  void faultsAreSwitchedAtRunTime() throws Exception {
    faults.inject(Fault.of(BackendOp.LIST, BackendStatus.IO_ERROR));
    assertFails(BackendStatus.IO_ERROR, () -> faults.list(""));
    faults.clear(BackendOp.LIST);
    assertThat(faults.list("")).hasSize(1);
    faults.inject(Fault.of(BackendOp.LIST, BackendStatus.STALE));
    faults.inject(Fault.of(BackendOp.FSSTAT, BackendStatus.STALE));
    assertFails(BackendStatus.STALE, () -> faults.list(""));
    faults.clearAll();
    faults.list("");
    faults.fsstat();
    // replacing a fault restarts its count
    faults.inject(Fault.of(BackendOp.LIST, BackendStatus.IO_ERROR).afterCalls(1));
    faults.list("");
    assertFails(BackendStatus.IO_ERROR, () -> faults.list(""));
    faults.inject(Fault.of(BackendOp.LIST, BackendStatus.IO_ERROR).afterCalls(1));
    faults.list("");
  }

  @Test
  void handleOperationsFailToo() throws Exception {
    faults.inject(Fault.of(BackendOp.WRITE, BackendStatus.NO_SPACE).afterCalls(1));
    faults.inject(Fault.of(BackendOp.SYNC, BackendStatus.IO_ERROR));
    faults.inject(Fault.of(BackendOp.HANDLE_CLOSE, BackendStatus.UNAVAILABLE).times(1));
    BackendHandle h = faults.open("f", OpenMode.READ_WRITE);
    h.write(0, ByteBuffer.allocate(8));
    assertFails(BackendStatus.NO_SPACE, () -> h.write(8, ByteBuffer.allocate(8)));
    assertFails(BackendStatus.IO_ERROR, h::sync);
    assertThat(h.read(0, ByteBuffer.allocate(8))).isEqualTo(8);
    assertFails(BackendStatus.UNAVAILABLE, h::close);
    h.close();
    assertThat(stub.calls).containsExactly("open f", "write f", "read f", "handle-close f");
  }

  @Test
  void concurrentCallsFailExactlyAsOftenAsAsked() throws Exception {
    faults.inject(Fault.of(BackendOp.GETATTR, BackendStatus.DELAY).afterCalls(50).times(100));
    AtomicInteger failed = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < 500; i++) {
                    try {
                      faults.getattr("a");
                    } catch (BackendException e) {
                      failed.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    }
    assertThat(failed.get()).isEqualTo(100);
    assertThat(faults.calls(BackendOp.GETATTR)).isEqualTo(4000);
    assertThat(stub.calls).hasSize(3900);
  }

  @Test
  void faultsStateTheirRules() {
    assertThatThrownBy(() -> Fault.of(BackendOp.READ, BackendStatus.IO_ERROR).afterCalls(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("passFirst");
    assertThatThrownBy(() -> Fault.of(BackendOp.READ, BackendStatus.IO_ERROR).times(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Fault.of(null, BackendStatus.IO_ERROR))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void overARealExportAFullDiskKeepsWhatWasWritten(@TempDir Path tmp) throws Exception {
    try (Backend backend = new LocalDriver().open(new BackendConfig("t", tmp.toUri(), Map.of()));
        FaultInjectingBackendExport disk =
            new FaultInjectingBackendExport(backend.export("/e", true))) {
      disk.inject(Fault.of(BackendOp.WRITE, BackendStatus.NO_SPACE).afterCalls(1));
      disk.create("f", SetAttributes.NONE, true);
      try (BackendHandle h = disk.open("f", OpenMode.READ_WRITE)) {
        h.write(0, ByteBuffer.wrap("first".getBytes(StandardCharsets.UTF_8)));
        assertFails(
            BackendStatus.NO_SPACE,
            () -> h.write(5, ByteBuffer.wrap("second".getBytes(StandardCharsets.UTF_8))));
      }
      assertThat(disk.getattr("f").size()).isEqualTo(5);
    }
  }

  private static void assertFails(BackendStatus status, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            BackendException.class, e -> assertThat(e.status()).isEqualTo(status));
  }
}
