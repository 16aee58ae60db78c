package org.ferryfs.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.ferryfs.mapping.mvstore.MvStoreMappingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cached read side over a real embedded store, seen through a store that counts and lies. */
class MappingTableTest {

  @TempDir Path dir;

  private MvStoreMappingStore real;
  private InstrumentedStore store;
  private MappingTable table;

  @BeforeEach
  void setUp() {
    real = MvStoreMappingStore.open(dir.resolve("mappings.mv"));
    store = new InstrumentedStore(real);
  }

  @AfterEach
  void tearDown() {
    if (table != null) {
      table.close();
    }
    real.close();
  }

  private static ExportMapping draft(String name) {
    return ExportMapping.draft(name, "nas1", "/" + name, List.of(), false);
  }

  @Test
  void opensWithEveryMappingAlreadyInTheStore() throws Exception {
    ExportMapping b = real.create(draft("b"));
    ExportMapping a = real.create(draft("a"));

    table = MappingTable.open(store);

    assertThat(table.list()).containsExactly(a, b);
    assertThat(table.get("a")).contains(a);
    assertThat(table.byIndex(b.exportIndex())).contains(b);
    assertThat(table.get("c")).isEmpty();
    assertThat(table.byIndex(99)).isEmpty();
  }

  @Test
  void aWriteToTheStoreIsVisibleAsSoonAsItReturns() throws Exception {
    table = MappingTable.open(store);

    ExportMapping a = real.create(draft("a"));
    assertThat(table.get("a")).contains(a);
    assertThat(table.byIndex(a.exportIndex())).contains(a);

    ExportMapping moved = real.compareAndSet(1, a.withBackend("nas2", "/moved"));
    assertThat(table.byIndex(a.exportIndex())).contains(moved);
    assertThat(table.list()).containsExactly(moved);

    real.delete("a", 2);
    assertThat(table.get("a")).isEmpty();
    assertThat(table.byIndex(a.exportIndex())).isEmpty();
    assertThat(table.list()).isEmpty();
  }

  @Test
  void aRecreatedNameHasOnlyItsNewIndex() throws Exception {
    table = MappingTable.open(store);
    ExportMapping first = real.create(draft("a"));
    real.delete("a", 1);
    ExportMapping second = real.create(draft("a"));

    assertThat(table.byIndex(first.exportIndex())).isEmpty();
    assertThat(table.byIndex(second.exportIndex())).contains(second);
    assertThat(table.get("a")).contains(second);
  }

  @Test
  void lookupsNeverReadTheStoreEvenForUnknownNamesAndIndexes() throws Exception {
    ExportMapping a = real.create(draft("a"));
    table = MappingTable.open(store);
    int readsAfterOpen = store.reads.get();

    for (int i = 0; i < 10_000; i++) {
      assertThat(table.byIndex(a.exportIndex())).contains(a);
      assertThat(table.byIndex(i + 1000)).isEmpty(); // a forged or stale handle
      assertThat(table.get("nope" + (i % 100))).isEmpty();
    }
    table.get("a");
    table.list();

    assertThat(store.reads.get()).isEqualTo(readsAfterOpen);
  }

  @Test
  void aHitReturnsTheSameOptionalInstance() throws Exception {
    ExportMapping a = real.create(draft("a"));
    table = MappingTable.open(store);

    assertThat(table.byIndex(a.exportIndex())).isSameAs(table.byIndex(a.exportIndex()));
  }

  @Test
  void invalidateRereadsOneNameWhenEventsWereLost() throws Exception {
    ExportMapping a = real.create(draft("a"));
    ExportMapping b = real.create(draft("b"));
    table = MappingTable.open(store);
    store.muted = true;

    ExportMapping a2 = real.compareAndSet(1, a.withBackend("nas2", "/a"));
    real.delete("b", 1);
    assertThat(table.get("a")).contains(a);

    table.invalidate("a");
    assertThat(table.get("a")).contains(a2);
    assertThat(table.byIndex(a.exportIndex())).contains(a2);
    assertThat(table.get("b")).as("not invalidated yet").contains(b);

    table.invalidate("b");
    assertThat(table.get("b")).isEmpty();
    assertThat(table.byIndex(b.exportIndex())).isEmpty();
  }

  @Test
  void invalidateAllRereadsEverything() throws Exception {
    ExportMapping a = real.create(draft("a"));
    real.create(draft("b"));
    table = MappingTable.open(store);
    store.muted = true;

    real.delete("b", 1);
    ExportMapping c = real.create(draft("c"));
    ExportMapping a2 = real.compareAndSet(1, a.withState(ExportState.MOVING));

    table.invalidateAll();

    assertThat(table.list()).containsExactly(a2, c);
    assertThat(table.byIndex(c.exportIndex())).contains(c);
    assertThat(table.byIndex(2)).as("b's index").isEmpty();
  }

  @Test
  void aChangeMadeWhileAReloadReadsTheStoreIsNotLost() throws Exception {
    ExportMapping a = real.create(draft("a"));
    ExportMapping b = real.create(draft("b"));
    table = MappingTable.open(store);
    List<ExportMapping> changed = new ArrayList<>();
    // The store answers list() with its state, then (before the table applies it) a writer
    // updates a and deletes b; their events reach the table in the middle of the reload.
    store.afterList =
        () -> {
          store.afterList = null;
          try {
            changed.add(real.compareAndSet(1, a.withBackend("nas9", "/a")));
            real.delete("b", 1);
          } catch (MappingConflictException e) {
            throw new AssertionError(e);
          }
        };

    table.invalidateAll();

    assertThat(table.get("a")).contains(changed.get(0));
    assertThat(table.get("b")).as("deleted during the reload").isEmpty();
    assertThat(table.byIndex(b.exportIndex())).isEmpty();
  }

  @Test
  void anOlderUpdateThanTheTableHoldsIsIgnored() throws Exception {
    ExportMapping a = real.create(draft("a"));
    table = MappingTable.open(store);
    ExportMapping a2 = real.compareAndSet(1, a.withBackend("nas2", "/a"));

    store.deliver(new MappingEvent(MappingEvent.Kind.UPDATED, "a", a)); // late and out of order

    assertThat(table.get("a")).contains(a2);
    assertThat(table.byIndex(a.exportIndex())).contains(a2);
  }

  @Test
  void aBrokenEventMakesTheTableReloadInsteadOfServingStaleData() throws Exception {
    table = MappingTable.open(store);
    store.muted = true;
    ExportMapping a = real.create(draft("a"));
    store.muted = false;
    int reads = store.reads.get();

    assertThatThrownBy(() -> store.deliver(new MappingEvent(MappingEvent.Kind.CREATED, "a", null)))
        .isInstanceOf(NullPointerException.class);

    assertThat(table.get("a")).contains(a);
    assertThat(store.reads.get()).isEqualTo(reads + 1);
  }

  @Test
  void aFailedRefreshIsRetriedByTheNextLookup() throws Exception {
    ExportMapping a = real.create(draft("a"));
    table = MappingTable.open(store);
    store.muted = true;
    ExportMapping a2 = real.compareAndSet(1, a.withState(ExportState.MOVING));
    store.failReads = true;

    assertThatThrownBy(() -> table.invalidate("a")).isInstanceOf(MappingStoreException.class);
    assertThatThrownBy(() -> table.get("a")).isInstanceOf(MappingStoreException.class);

    store.failReads = false;
    assertThat(table.get("a")).contains(a2);
  }

  @Test
  void closeUnregistersTheWatchAndLeavesTheStoreOpen() throws Exception {
    table = MappingTable.open(store);
    assertThat(store.watching.get()).isEqualTo(1);

    table.close();
    table.close();

    assertThat(store.watching.get()).isZero();
    assertThatThrownBy(() -> table.byIndex(1)).isInstanceOf(MappingStoreException.class);
    assertThatThrownBy(() -> table.get("a")).isInstanceOf(MappingStoreException.class);
    assertThat(real.create(draft("a")).exportIndex()).isPositive();
  }

  @Test
  void concurrentReadersDuringWritesSeeOnlyStoredStates() throws Exception {
    ExportMapping a = real.create(draft("a"));
    table = MappingTable.open(store);
    int writes = 50;
    AtomicInteger done = new AtomicInteger();
    List<Callable<Void>> workers = new ArrayList<>();
    workers.add(
        () -> {
          ExportMapping current = a;
          for (int i = 0; i < writes; i++) {
            current = real.compareAndSet(current.version(), current.withBackend("nas" + i, "/a"));
          }
          done.set(1);
          return null;
        });
    for (int r = 0; r < 3; r++) {
      workers.add(
          () -> {
            long lastVersion = 0;
            while (done.get() == 0) {
              ExportMapping seen = table.byIndex(a.exportIndex()).orElseThrow();
              assertThat(seen.version()).isGreaterThanOrEqualTo(lastVersion);
              lastVersion = seen.version();
              if (seen.version() > 1) {
                assertThat(seen.backend()).isEqualTo("nas" + (seen.version() - 2));
              }
            }
            return null;
          });
    }
    MappingStoreContractTest.runAll(workers);

    assertThat(table.get("a")).map(ExportMapping::version).contains(1L + writes);
  }

  /** Counts reads and watchers; can drop events, fail reads, and run a hook inside list(). */
  private static final class InstrumentedStore extends ForwardingMappingStore {
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger watching = new AtomicInteger();
    final List<MappingListener> listeners = new ArrayList<>();
    volatile boolean muted;
    volatile boolean failReads;
    volatile Runnable afterList;

    InstrumentedStore(MappingStore delegate) {
      super(delegate);
    }

    @Override
    public Optional<ExportMapping> get(String name) {
      reads.incrementAndGet();
      failIfAsked();
      return super.get(name);
    }

    @Override
    public List<ExportMapping> list() {
      reads.incrementAndGet();
      failIfAsked();
      List<ExportMapping> all = super.list();
      Runnable hook = afterList;
      if (hook != null) {
        hook.run();
      }
      return all;
    }

    private void failIfAsked() {
      if (failReads) {
        throw new MappingStoreException("injected read failure");
      }
    }

    @Override
    public AutoCloseable watch(MappingListener listener) {
      listeners.add(listener);
      AutoCloseable registration =
          super.watch(
              e -> {
                if (!muted) {
                  listener.onEvent(e);
                }
              });
      watching.incrementAndGet();
      return () -> {
        if (listeners.remove(listener)) {
          watching.decrementAndGet();
          registration.close();
        }
      };
    }

    /** Hands an event straight to the table's listener, as a misbehaving store would. */
    void deliver(MappingEvent event) {
      for (MappingListener l : listeners) {
        l.onEvent(event);
      }
    }
  }
}
