package org.ferryfs.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured backends by name, each opened by the driver for its URL scheme. Health and load
 * per backend are tracked here as the real-backends work lands; for now every opened backend is
 * {@link BackendHealth#UP}.
 */
public final class BackendPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackendPool.class);

  private final Map<String, BackendDriver> drivers = new ConcurrentHashMap<>();
  private final Map<String, Entry> backends = new ConcurrentHashMap<>();

  /** A backend of the pool with what the pool knows of it. */
  public record Entry(BackendConfig config, Backend backend, BackendHealth health) {}

  public BackendPool(List<? extends BackendDriver> drivers) {
    for (BackendDriver d : drivers) {
      this.drivers.put(d.scheme().toLowerCase(Locale.ROOT), d);
    }
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
    backends.put(config.name(), new Entry(config, backend, BackendHealth.UP));
    LOG.info("backend {} opened: {}", config.name(), config.url());
    return backend;
  }

  /**
   * The backend of that name.
   *
   * @throws BackendException {@link BackendStatus#NOT_FOUND} if there is none
   */
  public Backend get(String name) throws BackendException {
    Entry e = backends.get(name);
    if (e == null) {
      throw new BackendException(BackendStatus.NOT_FOUND, "no backend named '" + name + "'");
    }
    return e.backend();
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

  @Override
  public synchronized void close() {
    for (Entry e : backends.values()) {
      try {
        e.backend().close();
      } catch (RuntimeException ex) {
        LOG.warn("closing backend {} failed: {}", e.config().name(), ex.toString());
      }
    }
    backends.clear();
  }
}
