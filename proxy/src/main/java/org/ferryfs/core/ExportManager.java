package org.ferryfs.core;

import java.util.List;
import java.util.Optional;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendExport;
import org.ferryfs.backend.BackendPool;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.core.handle.HandleMap;
import org.ferryfs.mapping.ExportMapping;
import org.ferryfs.mapping.MappingConflictException;
import org.ferryfs.mapping.MappingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds and removes exports: the operator's side of the export table. Every write goes through the
 * mapping store's compare-and-set API; the data path sees the change through the cached mapping
 * table right after the write returns.
 */
public final class ExportManager {
  private static final Logger LOG = LoggerFactory.getLogger(ExportManager.class);

  private final MappingStore store;
  private final BackendPool pool;
  private final Namespace namespace;
  private final HandleMap handles;

  public ExportManager(
      MappingStore store, BackendPool pool, Namespace namespace, HandleMap handles) {
    this.store = store;
    this.pool = pool;
    this.namespace = namespace;
    this.handles = handles;
  }

  /**
   * Adds an export, creating its directory on the backend if missing.
   *
   * @throws BackendException {@link BackendStatus#INVALID_ARGUMENT} for a bad name, path or client
   *     rule; {@link BackendStatus#NOT_FOUND} for an unknown backend; {@link BackendStatus#EXISTS}
   *     for a name in use; the backend's error if the directory cannot be made
   */
  public ExportMapping add(
      String name, String backend, String path, List<String> clients, boolean readOnly)
      throws BackendException {
    if (name == null || !ExportMapping.NAME.matcher(name).matches()) {
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT,
          "export name '"
              + name
              + "' is not valid: use letters, digits, '.', '_' and '-', starting with a letter or"
              + " digit");
    }
    if (!pool.contains(backend)) {
      throw new BackendException(BackendStatus.NOT_FOUND, "no backend named '" + backend + "'");
    }
    String normalized;
    try {
      normalized = ExportPaths.normalize(path == null || path.isBlank() ? "/" + name : path);
      ClientRule.parse(clients);
    } catch (IllegalArgumentException e) {
      throw new BackendException(BackendStatus.INVALID_ARGUMENT, e.getMessage());
    }
    if (store.get(name).isPresent()) {
      throw new BackendException(BackendStatus.EXISTS, "export '" + name + "' exists already");
    }
    // make (or check) the directory first, so a failing backend leaves no mapping behind
    try (BackendExport probe = pool.get(backend).export(normalized, true)) {
      probe.getattr("");
    }
    try {
      ExportMapping created =
          store.create(ExportMapping.draft(name, backend, normalized, clients, readOnly));
      LOG.info(
          "export {} (#{}) added on backend {} at {}",
          name,
          created.exportIndex(),
          backend,
          normalized);
      return created;
    } catch (MappingConflictException e) {
      throw new BackendException(BackendStatus.EXISTS, "export '" + name + "' exists already");
    }
  }

  /**
   * Removes an export. Clients holding its handles get STALE from then on; its data stays on the
   * backend.
   *
   * @throws BackendException {@link BackendStatus#NOT_FOUND} if there is no such export
   */
  public ExportMapping remove(String name) throws BackendException {
    for (int attempt = 0; attempt < 10; attempt++) {
      Optional<ExportMapping> m = store.get(name);
      if (m.isEmpty()) {
        throw new BackendException(BackendStatus.NOT_FOUND, "no export named '" + name + "'");
      }
      try {
        store.delete(name, m.get().version());
      } catch (MappingConflictException e) {
        if (e.kind() == MappingConflictException.Kind.NOT_FOUND) {
          throw new BackendException(BackendStatus.NOT_FOUND, "no export named '" + name + "'");
        }
        continue; // changed meanwhile: read again
      }
      namespace.forget(m.get().exportIndex());
      handles.forgetExport(m.get().exportIndex());
      handles.commit();
      LOG.info("export {} (#{}) removed", name, m.get().exportIndex());
      return m.get();
    }
    throw new BackendException(
        BackendStatus.DELAY, "export '" + name + "' keeps changing; try again");
  }

  /**
   * Seeds the table with an export from the configuration if the table does not have it yet. The
   * table is the source of truth once written: a differing entry there wins and is reported.
   *
   * @return true if it was added
   */
  public boolean seed(
      String name, String backend, String path, List<String> clients, boolean readOnly)
      throws BackendException {
    Optional<ExportMapping> existing = store.get(name);
    if (existing.isPresent()) {
      ExportMapping m = existing.get();
      if (!m.backend().equals(backend) || !m.path().equals(ExportPaths.normalize(path))) {
        LOG.info(
            "export {}: the state dir has it on {}:{}; the configuration's {}:{} is ignored",
            name,
            m.backend(),
            m.path(),
            backend,
            path);
      }
      return false;
    }
    add(name, backend, path, clients, readOnly);
    return true;
  }
}
