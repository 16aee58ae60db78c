package org.ferryfs.core.fs;

import java.time.Clock;
import java.time.Duration;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.core.ExportContext;
import org.ferryfs.core.ExportGate;
import org.ferryfs.core.Namespace;
import org.ferryfs.core.handle.HandleMap;
import org.ferryfs.frontend.Caller;
import org.ferryfs.frontend.FileRef;

/**
 * What every group of operations shares: the namespace, the resolver, the handle map, the caches,
 * the clock, and the admission step (gate, then resolution).
 */
final class CoreContext {
  final Namespace namespace;
  final ObjectResolver resolver;
  final HandleMap handles;
  final OpenFiles openFiles;
  final DirectoryLister lister;
  final Clock clock;
  final Duration maxGateWait;

  CoreContext(
      Namespace namespace,
      HandleMap handles,
      OpenFiles openFiles,
      DirectoryLister lister,
      Clock clock,
      Duration maxGateWait) {
    this.namespace = namespace;
    this.resolver = new ObjectResolver(namespace, handles);
    this.handles = handles;
    this.openFiles = openFiles;
    this.lister = lister;
    this.clock = clock;
    this.maxGateWait = maxGateWait;
  }

  /** A request admitted to an export: holds the gate until closed. */
  static final class Admitted implements AutoCloseable {
    final Target target;
    private final ExportGate.Permit permit;

    Admitted(Target target, ExportGate.Permit permit) {
      this.target = target;
      this.permit = permit;
    }

    @Override
    public void close() {
      permit.close();
    }
  }

  /**
   * Enters the export's gate (waiting while a move has it paused) and then resolves the reference
   * against the export as routed now.
   */
  Admitted admit(Caller caller, FileRef ref) throws BackendException {
    ExportContext export = namespace.byIndex(ref.exportIndex());
    export.load().noteClient(caller.address());
    ExportGate.Permit permit = export.gate().enter(maxGateWait);
    try {
      return new Admitted(resolver.resolve(caller, ref), permit);
    } catch (BackendException | RuntimeException e) {
      permit.close();
      throw e;
    }
  }

  /** Resolves a second reference of the same request (rename, link) inside the same admission. */
  Target alsoResolve(Caller caller, Admitted first, FileRef other) throws BackendException {
    if (other.exportIndex() != first.target.exportIndex()) {
      throw new BackendException(
          BackendStatus.CROSS_DEVICE, "the two objects are in different exports");
    }
    return resolver.resolve(caller, other);
  }

  /** The attributes of a target's own object; its vanishing makes the reference stale. */
  FileAttributes attributes(Target t) throws BackendException {
    try {
      return t.export().backend().getattr(t.path()).withFileId(t.objectId());
    } catch (BackendException e) {
      throw staleIfGone(e);
    }
  }

  static BackendException staleIfGone(BackendException e) {
    if (e.status() == BackendStatus.NOT_FOUND) {
      return new BackendException(BackendStatus.STALE, "the object is gone: " + e.getMessage(), e);
    }
    return e;
  }

  static void requireWritable(Target t) throws BackendException {
    if (t.export().readOnly()) {
      throw new BackendException(
          BackendStatus.READ_ONLY, "export '" + t.export().name() + "' is read-only");
    }
  }

  FileRef ref(Target t) {
    return resolver.ref(t);
  }

  FileRef ref(Target dir, long objectId) {
    return resolver.ref(dir.export(), objectId);
  }
}
