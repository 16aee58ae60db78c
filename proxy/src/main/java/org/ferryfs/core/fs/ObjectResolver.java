package org.ferryfs.core.fs;

import java.util.OptionalLong;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.FileType;
import org.ferryfs.core.ExportContext;
import org.ferryfs.core.Namespace;
import org.ferryfs.core.handle.HandleMap;
import org.ferryfs.frontend.Caller;
import org.ferryfs.frontend.FileRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Ferry references into {@link Target}s and backend objects into Ferry references.
 *
 * <p>Resolution checks, in order: the handle map's generation (another state dir's handle is
 * stale), that the object exists and belongs to the export the reference names (a handle forged for
 * another export is stale), that the export exists, and that its access rule admits the client.
 */
final class ObjectResolver {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectResolver.class);

  private final Namespace namespace;
  private final HandleMap handles;

  ObjectResolver(Namespace namespace, HandleMap handles) {
    this.namespace = namespace;
    this.handles = handles;
  }

  Target resolve(Caller caller, FileRef ref) throws BackendException {
    if (ref.generation() != handles.generation()) {
      throw new BackendException(BackendStatus.STALE, "handle from another Ferry incarnation");
    }
    HandleMap.ObjectRecord r =
        handles
            .get(ref.objectId())
            .orElseThrow(() -> new BackendException(BackendStatus.STALE, "object is gone"));
    if (r.exportIndex() != ref.exportIndex()) {
      throw new BackendException(
          BackendStatus.STALE,
          "object " + ref.objectId() + " does not belong to export #" + ref.exportIndex());
    }
    ExportContext export = namespace.byIndex(ref.exportIndex());
    requireAdmitted(caller, export);
    return new Target(export, ref.objectId(), handles.path(ref.objectId()));
  }

  static void requireAdmitted(Caller caller, ExportContext export) throws BackendException {
    if (!export.rule().admits(caller.address())) {
      throw new BackendException(
          BackendStatus.ACCESS_DENIED,
          "client "
              + caller.address().getHostAddress()
              + " is not admitted to export '"
              + export.name()
              + "'");
    }
  }

  /** The root of an export as a target. */
  Target root(ExportContext export) {
    return new Target(export, export.rootId(), "");
  }

  /** The parent directory of a target (the root's parent is the root). */
  Target parent(Target t) throws BackendException {
    if (t.objectId() == t.export().rootId()) {
      return t;
    }
    long parent = handles.parentOf(t.objectId());
    return new Target(t.export(), parent, handles.path(parent));
  }

  FileRef ref(Target t) {
    return new FileRef(t.exportIndex(), t.objectId(), handles.generation());
  }

  FileRef ref(ExportContext export, long objectId) {
    return new FileRef(export.index(), objectId, handles.generation());
  }

  /**
   * The Ferry id of {@code name} in {@code dir}, whose backend attributes are {@code attrs}: the
   * existing binding, another name of the same hard-linked file, or a new object.
   */
  long bind(Target dir, String name, FileAttributes attrs) throws BackendException {
    OptionalLong bound = handles.child(dir.objectId(), name);
    int exportIndex = dir.exportIndex();
    if (bound.isEmpty() && attrs.type() != FileType.DIRECTORY && attrs.nlink() > 1) {
      OptionalLong other = handles.byFileKey(exportIndex, attrs.fileId());
      if (other.isPresent() && sameObject(dir.export(), other.getAsLong(), attrs.fileId())) {
        handles.addLink(other.getAsLong(), dir.objectId(), name);
        return other.getAsLong();
      }
      long id = handles.bind(dir.objectId(), name, exportIndex, attrs.type(), attrs.fileId());
      handles.registerFileKey(id, exportIndex, attrs.fileId());
      return id;
    }
    return handles.bind(dir.objectId(), name, exportIndex, attrs.type(), attrs.fileId());
  }

  /** Whether the object still is the backend object with that identity. */
  private boolean sameObject(ExportContext export, long objectId, long fileKey) {
    try {
      return export.backend().getattr(handles.path(objectId)).fileId() == fileKey;
    } catch (BackendException e) {
      LOG.debug("hard-link candidate {} no longer matches: {}", objectId, e.getMessage());
      return false;
    }
  }

  HandleMap handles() {
    return handles;
  }
}
