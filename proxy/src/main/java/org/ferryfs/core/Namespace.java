package org.ferryfs.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendExport;
import org.ferryfs.backend.BackendPool;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.core.handle.HandleMap;
import org.ferryfs.mapping.ExportMapping;
import org.ferryfs.mapping.ExportState;
import org.ferryfs.mapping.MappingTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one namespace of exports clients see: export name or index → {@link ExportContext}.
 *
 * <p>Contexts are built lazily from the cached {@link MappingTable} and rebuilt when a mapping's
 * version changes (a move flips the backend; an operator changes the access rule), so the data path
 * always routes to the backend the table names now. An export's {@link ExportGate} outlives context
 * rebuilds: a move pauses the gate, flips the mapping, and resumes the same gate.
 */
public final class Namespace implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Namespace.class);

  private final MappingTable table;
  private final BackendPool pool;
  private final HandleMap handles;
  private final Map<Integer, ExportContext> contexts = new ConcurrentHashMap<>();
  private final Map<Integer, ExportGate> gates = new ConcurrentHashMap<>();
  private final Map<Integer, ExportLoad> loads = new ConcurrentHashMap<>();
  private final Clock clock;

  public Namespace(MappingTable table, BackendPool pool, HandleMap handles) {
    this(table, pool, handles, Clock.systemUTC());
  }

  public Namespace(MappingTable table, BackendPool pool, HandleMap handles, Clock clock) {
    this.table = table;
    this.pool = pool;
    this.handles = handles;
    this.clock = clock;
  }

  /**
   * The export with that index, as the data path needs it.
   *
   * @throws BackendException {@link BackendStatus#STALE} if there is no such export (removed),
   *     {@link BackendStatus#UNAVAILABLE} if its backend cannot be opened
   */
  public ExportContext byIndex(int exportIndex) throws BackendException {
    Optional<ExportMapping> m = table.byIndex(exportIndex);
    if (m.isEmpty() || m.get().state() == ExportState.REMOVING) {
      throw new BackendException(BackendStatus.STALE, "export #" + exportIndex + " is gone");
    }
    ExportContext ctx = contexts.get(exportIndex);
    if (ctx != null && ctx.mapping().version() == m.get().version()) {
      return ctx;
    }
    return rebuild(m.get());
  }

  /**
   * The export with that name.
   *
   * @throws BackendException {@link BackendStatus#NOT_FOUND} if there is none
   */
  public ExportContext byName(String name) throws BackendException {
    Optional<ExportMapping> m = table.get(name);
    if (m.isEmpty() || m.get().state() == ExportState.REMOVING) {
      throw new BackendException(BackendStatus.NOT_FOUND, "no export named '" + name + "'");
    }
    return byIndex(m.get().exportIndex());
  }

  /** Every servable export's mapping, sorted by name. */
  public List<ExportMapping> mappings() {
    List<ExportMapping> out = new ArrayList<>();
    for (ExportMapping m : table.list()) {
      if (m.state() != ExportState.REMOVING) {
        out.add(m);
      }
    }
    return out;
  }

  /** The load of an export (kept across context rebuilds, created on first use). */
  public ExportLoad load(int exportIndex) {
    return loads.computeIfAbsent(exportIndex, i -> new ExportLoad(clock));
  }

  /** The gate of an export (created on first use). */
  public ExportGate gate(int exportIndex) {
    return gates.computeIfAbsent(exportIndex, i -> new ExportGate());
  }

  private synchronized ExportContext rebuild(ExportMapping m) throws BackendException {
    ExportContext current = contexts.get(m.exportIndex());
    if (current != null && current.mapping().version() == m.version()) {
      return current;
    }
    BackendExport backend;
    if (current != null
        && current.mapping().backend().equals(m.backend())
        && current.mapping().path().equals(m.path())) {
      backend = current.backend();
    } else {
      try {
        backend = pool.openExport(m.backend(), m.path(), true, load(m.exportIndex()).window());
      } catch (BackendException e) {
        throw new BackendException(
            e.status() == BackendStatus.NOT_FOUND ? BackendStatus.UNAVAILABLE : e.status(),
            "export '"
                + m.name()
                + "' cannot be served from backend '"
                + m.backend()
                + "': "
                + e.getMessage(),
            e);
      }
    }
    ClientRule rule;
    try {
      rule = ClientRule.parse(m.clients());
    } catch (IllegalArgumentException e) {
      throw new BackendException(
          BackendStatus.SERVER_FAULT, "export '" + m.name() + "': " + e.getMessage(), e);
    }
    long root = handles.root(m.exportIndex());
    handles.commit();
    ExportContext ctx =
        new ExportContext(m, backend, gate(m.exportIndex()), rule, root, load(m.exportIndex()));
    contexts.put(m.exportIndex(), ctx);
    if (current != null && current.backend() != backend) {
      current.backend().close();
    }
    LOG.debug("export {} (#{}) served from {}", m.name(), m.exportIndex(), backend.describe());
    return ctx;
  }

  /** Drops what is held for an export that was removed; its gate refuses further requests. */
  public synchronized void forget(int exportIndex) {
    ExportContext ctx = contexts.remove(exportIndex);
    ExportGate gate = gates.remove(exportIndex);
    loads.remove(exportIndex);
    if (gate != null) {
      gate.closeForGood();
    }
    if (ctx != null) {
      ctx.backend().close();
    }
  }

  /** True while every backend is local ({@link BackendPool#allCallsAreLocal()}). */
  public boolean callsAreLocal() {
    return pool.allCallsAreLocal();
  }

  @Override
  public synchronized void close() {
    for (ExportContext ctx : contexts.values()) {
      ctx.backend().close();
    }
    contexts.clear();
  }
}
