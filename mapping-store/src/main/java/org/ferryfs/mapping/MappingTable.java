package org.ferryfs.mapping;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side of the mapping table, used on the data path: which backend holds an export, looked
 * up by name (mount, tree connect) or by export index (every NFS request, from the file handle).
 *
 * <h2>Design</h2>
 *
 * <ul>
 *   <li><b>Complete, so a miss is an answer.</b> The table holds every mapping (one row per export:
 *       small) in two unbounded Caffeine caches, by name and by index. Because nothing is evicted,
 *       a miss means "no such export": a stale or forged file handle costs one hash lookup, never a
 *       store read, and cannot grow the cache (DESIGN.md §3.6). Values are stored already wrapped
 *       in {@link Optional}, so a hit allocates nothing (apart from boxing an index above 127).
 *   <li><b>Kept current by watch events</b> (DESIGN.md §3.3), applied in delivery order under a
 *       short lock that is never held while calling the store. The embedded store delivers events
 *       before its writes return, so a write is visible here as soon as it returns. An update older
 *       than what the table holds (same index, lower version) is ignored.
 *   <li><b>Refreshed from the store</b> at start, on {@link #invalidateAll()} and {@link
 *       #invalidate(String)}, and whenever completeness was lost (a refresh or an event failed). A
 *       refresh reads the store without holding the lock, so it cannot deadlock with a writer that
 *       is delivering an event; names that events touched while it was reading keep the events'
 *       newer state instead of the refresh's.
 * </ul>
 *
 * <p>Thread-safe. Closing it unregisters the watch; lookups afterwards throw.
 */
public final class MappingTable implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MappingTable.class);

  private final MappingStore store;
  private final Cache<String, Optional<ExportMapping>> byName = Caffeine.newBuilder().build();
  private final Cache<Integer, Optional<ExportMapping>> byIndex = Caffeine.newBuilder().build();

  /** Guards changes to the caches, {@link #refreshes} and {@link #registration}. */
  private final ReentrantLock lock = new ReentrantLock();

  /** Serialises full reloads so a stampede of readers reloads once. */
  private final ReentrantLock reloadLock = new ReentrantLock();

  /** Refreshes reading the store right now; events record the names they touch in each. */
  private final List<Refresh> refreshes = new ArrayList<>();

  private AutoCloseable registration;

  /** The caches hold every mapping in the store; false until loaded and after a failure. */
  private volatile boolean complete;

  private volatile boolean closed;

  private MappingTable(MappingStore store) {
    this.store = store;
  }

  /**
   * Watches {@code store} and loads every mapping from it. The table does not own the store:
   * closing the table leaves the store open.
   *
   * @throws MappingStoreException if the store cannot be read
   */
  public static MappingTable open(MappingStore store) {
    MappingTable table = new MappingTable(Objects.requireNonNull(store, "store"));
    table.start();
    return table;
  }

  private void start() {
    AutoCloseable watch = store.watch(this::onEvent);
    lock.lock();
    try {
      registration = watch;
    } finally {
      lock.unlock();
    }
    try {
      reload();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The mapping of that export name, if any. */
  public Optional<ExportMapping> get(String name) {
    Objects.requireNonNull(name, "name");
    ensureComplete();
    Optional<ExportMapping> hit = byName.getIfPresent(name);
    return hit != null ? hit : Optional.empty();
  }

  /** The mapping with that export index, if any; the hot path, a cache hit. */
  public Optional<ExportMapping> byIndex(int exportIndex) {
    ensureComplete();
    Optional<ExportMapping> hit = byIndex.getIfPresent(exportIndex);
    return hit != null ? hit : Optional.empty();
  }

  /** Every mapping, sorted by name. */
  public List<ExportMapping> list() {
    ensureComplete();
    List<ExportMapping> all = new ArrayList<>();
    for (Optional<ExportMapping> m : byName.asMap().values()) {
      m.ifPresent(all::add);
    }
    all.sort(Comparator.comparing(ExportMapping::name));
    return List.copyOf(all);
  }

  /**
   * Reads {@code name} from the store again now, so lookups reflect the store as of this call (a
   * cutover calls this after its compare-and-set, whatever the store's event latency).
   *
   * @throws MappingStoreException if the store cannot be read; the table then reloads on the next
   *     lookup
   */
  public void invalidate(String name) {
    Objects.requireNonNull(name, "name");
    Refresh refresh = beginRefresh();
    Optional<ExportMapping> fresh;
    try {
      fresh = store.get(name);
    } catch (RuntimeException e) {
      endRefresh(refresh);
      complete = false;
      throw e;
    }
    lock.lock();
    try {
      refreshes.remove(refresh);
      if (closed || refresh.touched.contains(name)) {
        return;
      }
      if (fresh.isPresent()) {
        put(fresh.get());
      } else {
        remove(name);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Reads every mapping from the store again now.
   *
   * @throws MappingStoreException if the store cannot be read; the table then reloads on the next
   *     lookup
   */
  public void invalidateAll() {
    reloadLock.lock();
    try {
      reload();
    } finally {
      reloadLock.unlock();
    }
  }

  /** Unregisters the watch and empties the table. Idempotent; does not close the store. */
  @Override
  public void close() {
    AutoCloseable watch;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      complete = false;
      watch = registration;
      registration = null;
      byName.invalidateAll();
      byIndex.invalidateAll();
    } finally {
      lock.unlock();
    }
    if (watch != null) {
      try {
        watch.close();
      } catch (Exception e) {
        LOG.warn("unregistering the mapping table from {} failed: {}", store, e.toString());
      }
    }
  }

  @Override
  public String toString() {
    return "MappingTable[" + store + "]";
  }

  // ---- refresh ----

  private void ensureComplete() {
    if (complete) {
      return;
    }
    reloadLock.lock();
    try {
      if (!complete) {
        reload();
      }
    } finally {
      reloadLock.unlock();
    }
  }

  private void reload() {
    Refresh refresh = beginRefresh();
    List<ExportMapping> all;
    try {
      all = store.list();
    } catch (RuntimeException e) {
      endRefresh(refresh);
      complete = false;
      throw e;
    }
    lock.lock();
    try {
      refreshes.remove(refresh);
      if (closed) {
        throw closedException();
      }
      Set<String> present = new HashSet<>();
      for (ExportMapping m : all) {
        present.add(m.name());
        if (!refresh.touched.contains(m.name())) {
          put(m);
        }
      }
      for (String name : List.copyOf(byName.asMap().keySet())) {
        if (!present.contains(name) && !refresh.touched.contains(name)) {
          remove(name);
        }
      }
      complete = true;
    } finally {
      lock.unlock();
    }
  }

  private Refresh beginRefresh() {
    lock.lock();
    try {
      if (closed) {
        throw closedException();
      }
      Refresh refresh = new Refresh();
      refreshes.add(refresh);
      return refresh;
    } finally {
      lock.unlock();
    }
  }

  private void endRefresh(Refresh refresh) {
    lock.lock();
    try {
      refreshes.remove(refresh);
    } finally {
      lock.unlock();
    }
  }

  // ---- events ----

  private void onEvent(MappingEvent event) {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      for (Refresh refresh : refreshes) {
        refresh.touched.add(event.name());
      }
      switch (event.kind()) {
        case CREATED, UPDATED -> {
          ExportMapping m = Objects.requireNonNull(event.mapping(), "event without a mapping");
          if (!isStale(m)) {
            put(m);
          }
        }
        case DELETED -> remove(event.name());
      }
    } catch (RuntimeException e) {
      // The table may now miss this change: reload on the next lookup rather than serve it stale.
      complete = false;
      throw e;
    } finally {
      lock.unlock();
    }
  }

  private boolean isStale(ExportMapping incoming) {
    Optional<ExportMapping> held = byName.getIfPresent(incoming.name());
    if (held == null || held.isEmpty()) {
      return false;
    }
    ExportMapping h = held.get();
    if (h.exportIndex() == incoming.exportIndex() && h.version() > incoming.version()) {
      LOG.debug(
          "ignoring event for '{}' version {}: the table already holds version {}",
          incoming.name(),
          incoming.version(),
          h.version());
      return true;
    }
    return false;
  }

  /** Caller holds {@link #lock}. */
  private void put(ExportMapping m) {
    Optional<ExportMapping> old = byName.getIfPresent(m.name());
    if (old != null && old.isPresent() && old.get().exportIndex() != m.exportIndex()) {
      byIndex.invalidate(old.get().exportIndex());
    }
    Optional<ExportMapping> value = Optional.of(m);
    byName.put(m.name(), value);
    byIndex.put(m.exportIndex(), value);
  }

  /** Caller holds {@link #lock}. */
  private void remove(String name) {
    Optional<ExportMapping> old = byName.getIfPresent(name);
    byName.invalidate(name);
    if (old != null && old.isPresent()) {
      byIndex.invalidate(old.get().exportIndex());
    }
  }

  private MappingStoreException closedException() {
    return new MappingStoreException(this + " is closed");
  }

  /** One read of the store in progress; {@link #touched} is guarded by {@link #lock}. */
  private static final class Refresh {
    final Set<String> touched = new HashSet<>();
  }
}
