package org.ferryfs.server;

import java.io.IOException;
import java.net.BindException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ferryfs.admin.AdminJson;
import org.ferryfs.admin.AdminRuntime;
import org.ferryfs.admin.AdminServer;
import org.ferryfs.admin.LoadReport;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendPool;
import org.ferryfs.backend.local.LocalDriver;
import org.ferryfs.backend.nfs.NfsDriver;
import org.ferryfs.backend.smb.SmbDriver;
import org.ferryfs.config.BackendSettings;
import org.ferryfs.config.ConfigException;
import org.ferryfs.config.FerryConfig;
import org.ferryfs.core.ExportLoad;
import org.ferryfs.core.ExportManager;
import org.ferryfs.core.Namespace;
import org.ferryfs.core.fs.CoreFileService;
import org.ferryfs.core.handle.HandleMap;
import org.ferryfs.mapping.ExportMapping;
import org.ferryfs.mapping.MappingStore;
import org.ferryfs.mapping.MappingStoreException;
import org.ferryfs.mapping.MappingTable;
import org.ferryfs.mapping.mvstore.MvStoreMappingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the core from a configuration, starts the front ends and the admin
 * API, and stops everything in reverse order. Nothing else in Ferry wires components together.
 */
public final class FerryServer implements AutoCloseable, AdminRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(FerryServer.class);

  /** How long a request waits at an export paused for a move before the client is told DELAY. */
  static final Duration MAX_GATE_WAIT = Duration.ofSeconds(10);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final FerryConfig config;
  private final StateDir state;
  private final Instant started;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private BackendPool pool;
  private MappingStore store;
  private MappingTable table;
  private HandleMap handles;
  private Namespace namespace;
  private ExportManager exports;
  private CoreFileService files;
  private final List<FrontEnd> frontEnds = new ArrayList<>();
  private AdminServer admin;

  private FerryServer(FerryConfig config, StateDir state, Instant started) {
    this.config = config;
    this.state = state;
    this.started = started;
  }

  /**
   * Builds and starts a Ferry.
   *
   * @throws ConfigException for everything an operator must fix: an unusable state dir, a backend
   *     that cannot be opened, a port that cannot be bound; partial starts are undone
   */
  public static FerryServer start(FerryConfig config, List<FrontEnd.Starter> frontEnds)
      throws ConfigException {
    StateDir state = StateDir.open(config.stateDir());
    FerryServer server = new FerryServer(config, state, Clock.systemUTC().instant());
    try {
      server.build(frontEnds);
      return server;
    } catch (ConfigException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private void build(List<FrontEnd.Starter> starters) throws ConfigException {
    pool = new BackendPool(List.of(new LocalDriver(), new SmbDriver(), new NfsDriver()));
    closeables.add(pool);
    for (FerryConfig.Backend b : config.backends()) {
      try {
        pool.add(BackendSettings.toBackendConfig(b, System.getenv()));
      } catch (BackendException e) {
        throw new ConfigException("backend '" + b.name() + "': " + e.getMessage(), e);
      }
    }
    try {
      store = MvStoreMappingStore.open(state.mappingsFile());
    } catch (MappingStoreException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    closeables.add(store);
    try {
      handles = HandleMap.open(state.handlesFile());
    } catch (BackendException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    closeables.add(handles);
    table = MappingTable.open(store);
    closeables.add(table);
    namespace = new Namespace(table, pool, handles);
    closeables.add(namespace);
    exports = new ExportManager(store, pool, namespace, handles);
    seedExports();
    requireKnownBackends();

    byte[] secret = state.handleSecret();
    long writeVerifier = RANDOM.nextLong();
    files =
        new CoreFileService(
            namespace, handles, secret, writeVerifier, Clock.systemUTC(), MAX_GATE_WAIT);
    closeables.add(files);
    openExports();
    pool.startProbing();

    for (FrontEnd.Starter s : starters) {
      try {
        FrontEnd fe = s.start(files, config);
        if (fe == null) {
          continue; // not configured
        }
        frontEnds.add(fe);
        LOG.info("{} listening on {}:{}", fe.protocol(), fe.listen(), fe.port());
      } catch (BindException e) {
        throw new ConfigException("cannot listen: " + e.getMessage(), e);
      } catch (IOException e) {
        throw new ConfigException("cannot start a front end: " + e.getMessage(), e);
      }
    }
    try {
      admin =
          AdminServer.start(
              config.admin().listen(), config.admin().port(), state.adminToken(), this);
    } catch (IOException e) {
      throw new ConfigException(
          "cannot listen on admin address "
              + config.admin().listen()
              + ":"
              + config.admin().port()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private void seedExports() throws ConfigException {
    for (FerryConfig.Export e : config.exports()) {
      try {
        if (exports.seed(e.name(), e.backend(), e.effectivePath(), e.clients(), e.readOnly())) {
          LOG.info("export {} seeded from the configuration", e.name());
        }
      } catch (BackendException ex) {
        throw new ConfigException("export '" + e.name() + "': " + ex.getMessage(), ex);
      }
    }
  }

  private void requireKnownBackends() throws ConfigException {
    for (ExportMapping m : store.list()) {
      if (!pool.contains(m.backend())) {
        throw new ConfigException(
            "export '"
                + m.name()
                + "' in the state dir lives on backend '"
                + m.backend()
                + "', which the configuration does not define");
      }
    }
  }

  private void openExports() throws ConfigException {
    for (ExportMapping m : store.list()) {
      try {
        namespace.byIndex(m.exportIndex());
      } catch (BackendException e) {
        throw new ConfigException("export '" + m.name() + "': " + e.getMessage(), e);
      }
    }
  }

  // --- AdminRuntime ---------------------------------------------------------------------------

  @Override
  public ExportManager exports() {
    return exports;
  }

  @Override
  public List<ExportMapping> mappings() {
    return namespace.mappings();
  }

  @Override
  public BackendPool backends() {
    return pool;
  }

  @Override
  public Instant started() {
    return started;
  }

  @Override
  public AdminJson.Endpoint nfsEndpoint() {
    for (FrontEnd fe : frontEnds) {
      if (fe.protocol().startsWith("NFS")) {
        return new AdminJson.Endpoint(fe.listen(), fe.port());
      }
    }
    return null;
  }

  @Override
  public AdminJson.Endpoint adminEndpoint() {
    return new AdminJson.Endpoint(config.admin().listen(), adminPort());
  }

  @Override
  public String stateDir() {
    return state.path().toString();
  }

  @Override
  public long knownObjects() {
    return handles.size();
  }

  @Override
  public List<AdminJson.Load> exportLoad(int exportIndex) {
    ExportLoad load = namespace.load(exportIndex);
    long open = files.openFiles(exportIndex);
    List<AdminJson.Load> out = new ArrayList<>();
    for (Duration w : LoadReport.WINDOWS) {
      out.add(LoadReport.of(load.window().sample(w), open, load.clients(w)));
    }
    return out;
  }

  @Override
  public List<AdminJson.Load> backendLoad(String backend) {
    BackendPool.Entry entry;
    try {
      entry = pool.entry(backend);
    } catch (BackendException e) {
      return List.of();
    }
    List<ExportMapping> on =
        namespace.mappings().stream().filter(m -> m.backend().equals(backend)).toList();
    List<AdminJson.Load> out = new ArrayList<>();
    for (Duration w : LoadReport.WINDOWS) {
      long open = 0;
      int clients = 0;
      for (ExportMapping m : on) {
        open += files.openFiles(m.exportIndex());
        clients += namespace.load(m.exportIndex()).clients(w);
      }
      out.add(LoadReport.of(entry.load().sample(w), open, clients));
    }
    return out;
  }

  // --- for tests and the CLI -------------------------------------------------------------------

  public int adminPort() {
    return admin == null ? -1 : admin.port();
  }

  /** The port of the first front end of that protocol prefix ("NFS"), or -1. */
  public int port(String protocolPrefix) {
    for (FrontEnd fe : frontEnds) {
      if (fe.protocol().startsWith(protocolPrefix)) {
        return fe.port();
      }
    }
    return -1;
  }

  public CoreFileService files() {
    return files;
  }

  public StateDir state() {
    return state;
  }

  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close();
      admin = null;
    }
    for (int i = frontEnds.size() - 1; i >= 0; i--) {
      frontEnds.get(i).close();
    }
    frontEnds.clear();
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        LOG.warn(
            "closing {} failed: {}", closeables.get(i).getClass().getSimpleName(), e.toString());
      }
    }
    closeables.clear();
  }
}
