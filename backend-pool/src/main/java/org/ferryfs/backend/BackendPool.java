package org.ferryfs.backend;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ferryfs.backend.health.HealthGuardBackendExport;
import org.ferryfs.backend.health.HealthPolicy;
import org.ferryfs.backend.health.HealthTracker;
import org.ferryfs.backend.load.LoadWindow;
import org.ferryfs.backend.load.MeteredBackendExport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured backends by name, each opened by the driver for its URL scheme, with what Ferry
 * knows of each: its health (from probes and from the outcomes of requests) and its load.
 *
 * <p>Exports are opened through {@link #openExport}, which decorates the driver's export: {@link
 * HealthGuardBackendExport} (fail fast while the backend is DOWN, report outcomes) over {@link
 * MeteredBackendExport} (count load into the export's and the backend's windows). A probe task
 * calls {@link Backend#probe()} on every backend every {@link HealthPolicy#probeInterval()}, each
 * probe bounded by {@link HealthPolicy#probeTimeout()}, so a backend that went DOWN comes back by
 * itself once it answers again.
 */
public final class BackendPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackendPool.class);

  private final Map<String, BackendDriver> drivers = new ConcurrentHashMap<>();
  private final Map<String, Entry> backends = new ConcurrentHashMap<>();
  private final HealthPolicy policy;
  private final Clock clock;
  private final ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor();
  private ScheduledExecutorService prober;

  /** A backend of the pool with what the pool knows of it. */
  public static final class Entry {
    private final BackendConfig config;
    private final Backend backend;
    private final HealthTracker tracker;
    private final LoadWindow load;

    Entry(BackendConfig config, Backend backend, HealthTracker tracker, LoadWindow load) {
      this.config = config;
      this.backend = backend;
      this.tracker = tracker;
      this.load = load;
    }

    public BackendConfig config() {
      return config;
    }

    public Backend backend() {
      return backend;
    }

    /** As operators see it (DRAINING included). */
    public BackendHealth health() {
      return tracker.health();
    }

    public HealthTracker tracker() {
      return tracker;
    }

    /** Load on the backend, summed over its exports. */
    public LoadWindow load() {
      return load;
    }
  }

  /** Whether every backend is local; an empty pool counts as local. */
  private volatile boolean allLocal = true;

  public BackendPool(List<? extends BackendDriver> drivers) {
    this(drivers, HealthPolicy.DEFAULT, Clock.systemUTC());
  }

  public BackendPool(List<? extends BackendDriver> drivers, HealthPolicy policy, Clock clock) {
    for (BackendDriver d : drivers) {
      this.drivers.put(d.scheme().toLowerCase(Locale.ROOT), d);
    }
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Opens and adds a backend.
   *
   * @throws BackendException {@link BackendStatus#EXISTS} for a name in use, {@link
   *     BackendStatus#NOT_SUPPORTED} for a URL scheme no driver serves, or the driver's error
   */
  public synchronized Backend add(BackendConfig config) throws BackendException {
    Objects.requireNonNull(config, "config");
    if (backends.containsKey(config.name())) {
      throw new BackendException(
          BackendStatus.EXISTS, "backend '" + config.name() + "' is defined twice");
    }
    String scheme = config.url().getScheme();
    BackendDriver driver = scheme == null ? null : drivers.get(scheme.toLowerCase(Locale.ROOT));
    if (driver == null) {
      throw new BackendException(
          BackendStatus.NOT_SUPPORTED,
          "backend '"
              + config.name()
              + "': unsupported URL scheme in '"
              + config.url()
              + "' (supported: "
              + String.join(", ", drivers.keySet().stream().sorted().toList())
              + ")");
    }
    Backend backend = driver.open(config);
    HealthTracker tracker = new HealthTracker(config.name(), policy, clock, s -> {});
    backends.put(config.name(), new Entry(config, backend, tracker, new LoadWindow(clock)));
    allLocal = backends.values().stream().allMatch(e -> e.backend().callsAreLocal());
    LOG.info("backend {} opened: {}", config.name(), config.url());
    return backend;
  }

  /**
   * The backend of that name.
   *
   * @throws BackendException {@link BackendStatus#NOT_FOUND} if there is none
   */
  public Backend get(String name) throws BackendException {
    return entry(name).backend();
  }

  /**
   * Opens an export on a backend, decorated for health and load (see the class comment).
   *
   * @param exportLoad the export's own load window
   */
  public BackendExport openExport(
      String backendName, String path, boolean createIfMissing, LoadWindow exportLoad)
      throws BackendException {
    Entry e = entry(backendName);
    if (e.tracker().isDown()) {
      throw new BackendException(
          BackendStatus.UNAVAILABLE, "backend '" + backendName + "' is down");
    }
    BackendExport raw;
    try {
      raw = e.backend().export(path, createIfMissing);
      e.tracker().succeeded();
    } catch (BackendException ex) {
      e.tracker().failed(ex.status(), ex.getMessage());
      throw ex;
    }
    return new HealthGuardBackendExport(
        new MeteredBackendExport(raw, List.of(exportLoad, e.load())), e.tracker());
  }

  /** The pool's entry of that name. */
  public Entry entry(String name) throws BackendException {
    Entry e = backends.get(name);
    if (e == null) {
      throw new BackendException(BackendStatus.NOT_FOUND, "no backend named '" + name + "'");
    }
    return e;
  }

  public boolean contains(String name) {
    return backends.containsKey(name);
  }

  /** Every backend, by name. */
  public List<Entry> entries() {
    List<Entry> list = new ArrayList<>(backends.values());
    list.sort(Comparator.comparing(e -> e.config().name()));
    return list;
  }

  /** Starts probing every backend every {@link HealthPolicy#probeInterval()}. */
  public synchronized void startProbing() {
    if (prober != null) {
      return;
    }
    prober =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "backend-prober");
              t.setDaemon(true);
              return t;
            });
    long ms = policy.probeInterval().toMillis();
    prober.scheduleWithFixedDelay(this::probeAll, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Probes every backend once, in parallel, each bounded by the probe timeout. */
  public void probeAll() {
    List<Entry> all = entries();
    List<Future<?>> running = new ArrayList<>();
    for (Entry e : all) {
      running.add(
          probes.submit(
              () -> {
                e.backend().probe();
                return null;
              }));
    }
    long deadline = System.nanoTime() + policy.probeTimeout().toNanos();
    for (int i = 0; i < all.size(); i++) {
      Entry e = all.get(i);
      Future<?> f = running.get(i);
      try {
        f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        e.tracker().succeeded();
      } catch (ExecutionException ex) {
        BackendStatus s =
            ex.getCause() instanceof BackendException be ? be.status() : BackendStatus.UNAVAILABLE;
        e.tracker().failed(s, String.valueOf(ex.getCause().getMessage()));
      } catch (TimeoutException ex) {
        f.cancel(true);
        e.tracker()
            .failed(
                BackendStatus.TIMED_OUT,
                "probe did not answer within " + durationText(policy.probeTimeout()));
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String durationText(Duration d) {
    return d.toMillis() + " ms";
  }

  @Override
  public synchronized void close() {
    if (prober != null) {
      prober.shutdownNow();
    }
    probes.shutdownNow();
    for (Entry e : backends.values()) {
      try {
        e.backend().close();
      } catch (RuntimeException ex) {
        LOG.warn("closing backend {} failed: {}", e.config().name(), ex.toString());
      }
    }
    backends.clear();
  }

  /**
   * True while every backend in the pool {@linkplain Backend#callsAreLocal() is local}: no call
   * through this pool can wait on a network. Cheap (one volatile read).
   */
  public boolean allCallsAreLocal() {
    return allLocal;
  }
}
