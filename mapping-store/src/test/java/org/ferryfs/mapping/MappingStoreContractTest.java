package org.ferryfs.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.ferryfs.mapping.MappingConflictException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link MappingStore} passes (DESIGN.md §5.10). A store's test extends this
 * class, implements {@link #open()} and {@link #reopen(MappingStore)}, and adds tests of its own.
 *
 * <p>What it pins down, beyond the javadoc of {@link MappingStore}:
 *
 * <ul>
 *   <li>{@code compareAndSet} identifies the mapping by name and cannot change its name or export
 *       index: an update carrying another index, or naming a missing export with the index of an
 *       existing one (a rename), fails with {@link IllegalArgumentException}.
 *   <li>A failed write changes nothing.
 *   <li>A listener that throws does not fail the write, nor stop delivery to other listeners.
 *   <li>Every operation on a closed store fails with {@link MappingStoreException}; closing twice
 *       is fine.
 * </ul>
 *
 * <p>Events may arrive asynchronously in a shared store, so the tests wait for them with a deadline
 * ({@link #WAIT}); nothing here sleeps.
 */
public abstract class MappingStoreContractTest {

  /** How long to wait for anything asynchronous (events, worker threads) before failing. */
  protected static final Duration WAIT = Duration.ofSeconds(30);

  /** The store under test; {@link #reopenStore()} replaces it. Closed after each test. */
  protected MappingStore store;

  /** Opens a store on fresh, empty persistent state. Called once per test, before it runs. */
  protected abstract MappingStore open() throws Exception;

  /** Closes {@code old} and opens a store on the same persistent state. */
  protected abstract MappingStore reopen(MappingStore old) throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = open();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  /** Replaces {@link #store} with a reopened one. */
  protected final void reopenStore() throws Exception {
    MappingStore old = store;
    store = null;
    store = reopen(old);
  }

  /** A draft on backend {@code nas1} at {@code /<name>}. */
  protected static ExportMapping draft(String name) {
    return ExportMapping.draft(name, "nas1", "/" + name, List.of(), false);
  }

  // ---- create, get, list ----

  @Test
  void newStoreIsEmpty() {
    assertThat(store.list()).isEmpty();
    assertThat(store.get("alpha")).isEmpty();
  }

  @Test
  void createAssignsIndexAndVersionOneAndIgnoresTheDraftsOwn() throws Exception {
    ExportMapping draft =
        ExportMapping.draft("alpha", "nas1", "/exports/alpha", List.of("10.0.0.0/8"), true)
            .withIdentity(4711, 42);

    ExportMapping created = store.create(draft);

    assertThat(created.version()).isEqualTo(1);
    assertThat(created.exportIndex()).isPositive();
    assertThat(created).isEqualTo(draft.withIdentity(created.exportIndex(), 1));
    assertThat(store.get("alpha")).contains(created);
  }

  @Test
  void listIsSortedByName() throws Exception {
    for (String name : List.of("mike", "alpha", "zulu", "charlie", "Bravo", "0day")) {
      store.create(draft(name));
    }

    assertThat(store.list())
        .extracting(ExportMapping::name)
        .containsExactly("0day", "Bravo", "alpha", "charlie", "mike", "zulu");
  }

  @Test
  void createOfAnExistingNameFailsWithExistsAndChangesNothing() throws Exception {
    ExportMapping first = store.create(draft("alpha"));

    MappingConflictException e =
        catchThrowableOfType(
            MappingConflictException.class,
            () -> store.create(ExportMapping.draft("alpha", "nas2", "/other", List.of(), true)));

    assertThat(e.kind()).isEqualTo(Kind.EXISTS);
    assertThat(e.getMessage()).contains("alpha");
    assertThat(store.get("alpha")).contains(first);
    assertThat(store.list()).containsExactly(first);
  }

  // ---- export indexes ----

  @Test
  void indexesAreUniqueAndNeverReusedAfterDelete() throws Exception {
    Set<Integer> assigned = new HashSet<>();
    ExportMapping a = store.create(draft("a"));
    ExportMapping b = store.create(draft("b"));
    assigned.add(a.exportIndex());
    assigned.add(b.exportIndex());
    assertThat(assigned).hasSize(2);

    store.delete("b", 1);
    ExportMapping c = store.create(draft("c"));
    assertThat(c.exportIndex()).isNotIn(assigned);
    assigned.add(c.exportIndex());

    store.delete("a", 1);
    ExportMapping a2 = store.create(draft("a"));
    assertThat(a2.exportIndex()).as("a re-created name gets a new index").isNotIn(assigned);
    assertThat(a2.version()).isEqualTo(1);
  }

  @Test
  void indexesAreNeverReusedAcrossReopen() throws Exception {
    Set<Integer> assigned = new HashSet<>();
    for (String name : List.of("a", "b", "c")) {
      assigned.add(store.create(draft(name)).exportIndex());
    }
    store.delete("c", 1);
    store.delete("b", 1);

    reopenStore();
    ExportMapping d = store.create(draft("d"));
    ExportMapping c = store.create(draft("c"));

    assertThat(d.exportIndex()).isNotIn(assigned);
    assertThat(c.exportIndex()).isNotIn(assigned).isNotEqualTo(d.exportIndex());
  }

  // ---- compare-and-set ----

  @Test
  void compareAndSetStoresTheUpdateAndIncrementsTheVersion() throws Exception {
    ExportMapping created = store.create(draft("alpha"));
    ExportMapping update =
        created
            .withBackend("nas2", "/moved/alpha")
            .withAccess(List.of("192.168.1.0/24", "client7"), true)
            .withState(ExportState.MOVING)
            .withIdentity(created.exportIndex(), 999); // the update's own version is ignored

    ExportMapping stored = store.compareAndSet(1, update);

    assertThat(stored).isEqualTo(update.withIdentity(created.exportIndex(), 2));
    assertThat(store.get("alpha")).contains(stored);

    ExportMapping third = store.compareAndSet(2, stored.withState(ExportState.ACTIVE));
    assertThat(third.version()).isEqualTo(3);
    assertThat(third.state()).isEqualTo(ExportState.ACTIVE);
    assertThat(third.backend()).isEqualTo("nas2");
  }

  @Test
  void compareAndSetWithAStaleVersionFailsWithVersionAndChangesNothing() throws Exception {
    ExportMapping v1 = store.create(draft("alpha"));
    ExportMapping v2 = store.compareAndSet(1, v1.withBackend("nas2", "/alpha"));

    MappingConflictException e =
        catchThrowableOfType(
            MappingConflictException.class,
            () -> store.compareAndSet(1, v1.withBackend("nas3", "/alpha")));

    assertThat(e.kind()).isEqualTo(Kind.VERSION);
    assertThat(e.getMessage()).contains("alpha");
    assertThat(store.get("alpha")).contains(v2);

    MappingConflictException ahead =
        catchThrowableOfType(
            MappingConflictException.class,
            () -> store.compareAndSet(7, v2.withBackend("nas3", "/alpha")));
    assertThat(ahead.kind()).isEqualTo(Kind.VERSION);
    assertThat(store.get("alpha")).contains(v2);
  }

  @Test
  void compareAndSetOfAMissingNameFailsWithNotFound() throws Exception {
    store.create(draft("alpha"));

    MappingConflictException e =
        catchThrowableOfType(
            MappingConflictException.class,
            () ->
                store.compareAndSet(
                    1, ExportMapping.draft("ghost", "nas1", "/g", List.of(), false)));

    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.getMessage()).contains("ghost");
    assertThat(store.get("ghost")).isEmpty();
  }

  @Test
  void compareAndSetCannotChangeTheExportIndex() throws Exception {
    ExportMapping a = store.create(draft("a"));
    ExportMapping b = store.create(draft("b"));

    assertThatThrownBy(() -> store.compareAndSet(1, a.withIdentity(a.exportIndex() + 1000, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index");
    assertThatThrownBy(() -> store.compareAndSet(1, a.withIdentity(b.exportIndex(), 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index");
    assertThatThrownBy(
            () ->
                store.compareAndSet(
                    1, ExportMapping.draft("a", "nas2", "/a", List.of(), false))) // index 0
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index");

    assertThat(store.get("a")).contains(a);
    assertThat(store.get("b")).contains(b);
  }

  @Test
  void compareAndSetCannotRename() throws Exception {
    ExportMapping a = store.create(draft("a"));
    ExportMapping renamed =
        new ExportMapping(
            "renamed", a.exportIndex(), "nas1", "/a", List.of(), false, ExportState.ACTIVE, 1);

    assertThatThrownBy(() -> store.compareAndSet(1, renamed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("renamed");

    assertThat(store.list()).containsExactly(a);
  }

  // ---- delete ----

  @Test
  void deleteRemovesTheMapping() throws Exception {
    ExportMapping a = store.create(draft("a"));
    ExportMapping b = store.create(draft("b"));
    store.compareAndSet(1, b.withState(ExportState.REMOVING));

    store.delete("b", 2);

    assertThat(store.get("b")).isEmpty();
    assertThat(store.list()).containsExactly(a);
  }

  @Test
  void deleteWithAStaleVersionFailsWithVersionAndKeepsTheMapping() throws Exception {
    ExportMapping a = store.create(draft("a"));
    ExportMapping a2 = store.compareAndSet(1, a.withState(ExportState.REMOVING));

    MappingConflictException e =
        catchThrowableOfType(MappingConflictException.class, () -> store.delete("a", 1));

    assertThat(e.kind()).isEqualTo(Kind.VERSION);
    assertThat(store.get("a")).contains(a2);
  }

  @Test
  void deleteOfAMissingNameFailsWithNotFound() throws Exception {
    store.create(draft("a"));
    store.delete("a", 1);

    MappingConflictException e =
        catchThrowableOfType(MappingConflictException.class, () -> store.delete("a", 1));

    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
    assertThat(e.getMessage()).contains("'a'");
  }

  // ---- persistence ----

  @Test
  void everythingSurvivesReopen() throws Exception {
    ExportMapping plain = store.create(draft("plain"));
    ExportMapping rich =
        store.create(
            ExportMapping.draft(
                "rich.export_1",
                "win-srv-02",
                "/shares/Ünïcødé dir",
                List.of("10.1.0.0/16", "fd00::/8", "host.example"),
                true));
    rich = store.compareAndSet(1, rich.withState(ExportState.MOVING));
    ExportMapping doomed = store.create(draft("doomed"));
    store.delete(doomed.name(), 1);
    List<ExportMapping> before = store.list();

    reopenStore();

    assertThat(store.list()).isEqualTo(before).containsExactly(plain, rich);
    assertThat(store.get("rich.export_1")).contains(rich);
    assertThat(store.get("doomed")).isEmpty();
    ExportMapping afterReopen = store.compareAndSet(2, rich.withState(ExportState.ACTIVE));
    assertThat(afterReopen.version()).isEqualTo(3);
  }

  // ---- watch ----

  @Test
  void watchDeliversEveryChangeInOrderWithTheStoredMapping() throws Exception {
    EventQueue events = new EventQueue();
    try (AutoCloseable ignored = store.watch(events)) {
      ExportMapping a = store.create(draft("a"));
      ExportMapping b = store.create(draft("b"));
      ExportMapping a2 = store.compareAndSet(1, a.withBackend("nas2", "/a"));
      store.delete("b", 1);
      ExportMapping a3 = store.compareAndSet(2, a2.withState(ExportState.MOVING));

      assertThat(events.next()).isEqualTo(new MappingEvent(MappingEvent.Kind.CREATED, "a", a));
      assertThat(events.next()).isEqualTo(new MappingEvent(MappingEvent.Kind.CREATED, "b", b));
      assertThat(events.next()).isEqualTo(new MappingEvent(MappingEvent.Kind.UPDATED, "a", a2));
      assertThat(events.next()).isEqualTo(new MappingEvent(MappingEvent.Kind.DELETED, "b", null));
      assertThat(events.next()).isEqualTo(new MappingEvent(MappingEvent.Kind.UPDATED, "a", a3));
    }
  }

  @Test
  void watchSeesOnlyChangesMadeAfterRegistering() throws Exception {
    store.create(draft("before"));
    EventQueue events = new EventQueue();
    try (AutoCloseable ignored = store.watch(events)) {
      ExportMapping after = store.create(draft("after"));

      assertThat(events.next())
          .isEqualTo(new MappingEvent(MappingEvent.Kind.CREATED, "after", after));
    }
  }

  @Test
  void failedWritesProduceNoEvents() throws Exception {
    ExportMapping a = store.create(draft("a"));
    EventQueue events = new EventQueue();
    try (AutoCloseable ignored = store.watch(events)) {
      catchThrowableOfType(MappingConflictException.class, () -> store.create(draft("a")));
      catchThrowableOfType(
          MappingConflictException.class,
          () -> store.compareAndSet(5, a.withState(ExportState.MOVING)));
      catchThrowableOfType(MappingConflictException.class, () -> store.delete("a", 5));
      catchThrowableOfType(MappingConflictException.class, () -> store.delete("zz", 1));
      ExportMapping marker = store.create(draft("marker"));

      assertThat(events.next())
          .isEqualTo(new MappingEvent(MappingEvent.Kind.CREATED, "marker", marker));
    }
  }

  @Test
  void closingTheRegistrationStopsEvents() throws Exception {
    EventQueue stopped = new EventQueue();
    EventQueue kept = new EventQueue();
    AutoCloseable registration = store.watch(stopped);
    try (AutoCloseable ignored = store.watch(kept)) {
      ExportMapping a = store.create(draft("a"));
      assertThat(stopped.next().mapping()).isEqualTo(a);
      assertThat(kept.next().mapping()).isEqualTo(a);

      registration.close();
      registration.close(); // idempotent
      ExportMapping b = store.create(draft("b"));
      assertThat(kept.next().mapping()).isEqualTo(b);

      assertThat(stopped.drain()).as("events after unregistering").isEmpty();
    }
  }

  @Test
  void aThrowingListenerBreaksNeitherTheWriteNorOtherListeners() throws Exception {
    EventQueue events = new EventQueue();
    try (AutoCloseable bad =
            store.watch(
                e -> {
                  throw new IllegalStateException("listener bug (expected by the test)");
                });
        AutoCloseable good = store.watch(events)) {
      ExportMapping a = store.create(draft("a"));
      ExportMapping a2 = store.compareAndSet(1, a.withState(ExportState.MOVING));

      assertThat(store.get("a")).contains(a2);
      assertThat(events.next().mapping()).isEqualTo(a);
      assertThat(events.next().mapping()).isEqualTo(a2);
    }
  }

  // ---- concurrency ----

  @Test
  void concurrentCompareAndSetHasExactlyOneWinnerPerVersion() throws Exception {
    store.create(draft("contended"));
    int threads = 8;
    long finalVersion = 60;
    ConcurrentHashMap<Long, String> winners = new ConcurrentHashMap<>();
    AtomicInteger losses = new AtomicInteger();
    CyclicBarrier start = new CyclicBarrier(threads);

    List<Callable<Void>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String worker = "w" + t;
      workers.add(
          () -> {
            start.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            for (int attempt = 0; ; attempt++) {
              ExportMapping current = store.get("contended").orElseThrow();
              if (current.version() >= finalVersion) {
                return null;
              }
              String mine = worker + "-" + attempt;
              try {
                ExportMapping won =
                    store.compareAndSet(current.version(), current.withBackend(mine, "/c"));
                assertThat(won.version()).isEqualTo(current.version() + 1);
                String previous = winners.putIfAbsent(won.version(), mine);
                assertThat(previous).as("two winners for version %d", won.version()).isNull();
              } catch (MappingConflictException e) {
                assertThat(e.kind()).isEqualTo(Kind.VERSION);
                losses.incrementAndGet();
              }
            }
          });
    }
    runAll(workers);

    assertThat(winners.keySet())
        .containsExactlyInAnyOrderElementsOf(
            LongStream.rangeClosed(2, finalVersion).boxed().toList());
    ExportMapping last = store.get("contended").orElseThrow();
    assertThat(last.version()).isEqualTo(finalVersion);
    assertThat(last.backend()).isEqualTo(winners.get(finalVersion));
  }

  @Test
  void concurrentCreatesGetDistinctIndexesAndOneWinnerPerName() throws Exception {
    int threads = 8;
    int perThread = 10;
    ConcurrentHashMap<Integer, String> indexes = new ConcurrentHashMap<>();
    AtomicInteger sharedWins = new AtomicInteger();
    CyclicBarrier start = new CyclicBarrier(threads);

    List<Callable<Void>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String worker = "w" + t;
      workers.add(
          () -> {
            start.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            for (int i = 0; i < perThread; i++) {
              String name = worker + "-" + i;
              ExportMapping m = store.create(draft(name));
              assertThat(indexes.putIfAbsent(m.exportIndex(), name)).isNull();
              try {
                ExportMapping shared = store.create(draft("shared-" + i));
                sharedWins.incrementAndGet();
                assertThat(indexes.putIfAbsent(shared.exportIndex(), shared.name())).isNull();
              } catch (MappingConflictException e) {
                assertThat(e.kind()).isEqualTo(Kind.EXISTS);
              }
            }
            return null;
          });
    }
    runAll(workers);

    assertThat(sharedWins.get()).isEqualTo(perThread);
    assertThat(store.list()).hasSize(threads * perThread + perThread);
    assertThat(indexes).hasSize(threads * perThread + perThread);
    for (ExportMapping m : store.list()) {
      assertThat(indexes.get(m.exportIndex())).isEqualTo(m.name());
    }
  }

  // ---- closed store ----

  @Test
  void aClosedStoreRefusesEveryOperation() throws Exception {
    ExportMapping a = store.create(draft("a"));
    store.close();
    store.close(); // idempotent

    assertThatThrownBy(() -> store.get("a")).isInstanceOf(MappingStoreException.class);
    assertThatThrownBy(() -> store.list()).isInstanceOf(MappingStoreException.class);
    assertThatThrownBy(() -> store.create(draft("b"))).isInstanceOf(MappingStoreException.class);
    assertThatThrownBy(() -> store.compareAndSet(1, a.withState(ExportState.MOVING)))
        .isInstanceOf(MappingStoreException.class);
    assertThatThrownBy(() -> store.delete("a", 1)).isInstanceOf(MappingStoreException.class);
    assertThatThrownBy(() -> store.watch(e -> {})).isInstanceOf(MappingStoreException.class);
  }

  // ---- helpers ----

  /** Runs every worker on its own thread and waits (at most {@link #WAIT}) for all of them. */
  protected static void runAll(List<Callable<Void>> workers) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(workers.size());
    try {
      List<Future<Void>> futures = new ArrayList<>();
      for (Callable<Void> worker : workers) {
        futures.add(pool.submit(worker));
      }
      for (Future<Void> f : futures) {
        f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A listener that queues events; {@link #next()} waits for one, at most {@link #WAIT}. */
  protected static final class EventQueue implements MappingListener {
    private final BlockingQueue<MappingEvent> events = new LinkedBlockingQueue<>();

    @Override
    public void onEvent(MappingEvent event) {
      events.add(event);
    }

    /** The next event, waiting for it at most {@link #WAIT}. */
    public MappingEvent next() throws InterruptedException {
      MappingEvent event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(event).as("an event within %s", WAIT).isNotNull();
      return event;
    }

    /** The events received so far and not yet taken. */
    public List<MappingEvent> drain() {
      List<MappingEvent> all = new ArrayList<>();
      events.drainTo(all);
      return all;
    }
  }
}
