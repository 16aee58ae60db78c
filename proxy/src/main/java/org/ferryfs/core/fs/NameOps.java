package org.ferryfs.core.fs;

import java.util.OptionalLong;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendExport;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.FileType;
import org.ferryfs.backend.SetAttributes;
import org.ferryfs.frontend.Caller;
import org.ferryfs.frontend.CreateMode;
import org.ferryfs.frontend.Created;
import org.ferryfs.frontend.FileRef;
import org.ferryfs.frontend.Lookup;
import org.ferryfs.frontend.Renamed;

/**
 * Operations on names in directories: LOOKUP, CREATE, MKDIR, SYMLINK, MKNOD, REMOVE, RMDIR, RENAME,
 * LINK. Each changes the backend first and then records the change in the handle map, so a
 * reference handed to a client always names something that exists; the handle map is committed
 * before a new reference is returned.
 */
final class NameOps {
  /** Longest symbolic link target accepted (RFC 1813 nfspath3 in practice, Linux PATH_MAX). */
  static final int MAX_LINK_TARGET = 4096;

  private final CoreContext core;

  NameOps(CoreContext core) {
    this.core = core;
  }

  Lookup lookup(Caller caller, FileRef dirRef, String name) throws BackendException {
    NameRules.requireLookupName(name);
    try (CoreContext.Admitted a = core.admit(caller, dirRef)) {
      Target dir = a.target;
      if (!caller.isRoot() || NameRules.isDot(name)) {
        FileAttributes dirAttrs = core.attributes(dir);
        requireDirectory(dirAttrs);
        Permissions.require(caller, dirAttrs, Permissions.X, "searching the directory");
        if (name.equals(".")) {
          return new Lookup(core.ref(dir), dirAttrs);
        }
      }
      if (name.equals("..")) {
        Target parent = core.resolver.parent(dir);
        return new Lookup(core.ref(parent), core.attributes(parent));
      }
      FileAttributes attrs = dir.export().backend().getattr(dir.child(name));
      long id = core.resolver.bind(dir, name, attrs);
      core.handles.commit();
      return new Lookup(core.ref(dir, id), attrs.withFileId(id));
    }
  }

  Created create(
      Caller caller,
      FileRef dirRef,
      String name,
      CreateMode mode,
      SetAttributes initial,
      long verifier)
      throws BackendException {
    NameRules.requireNewName(name);
    try (CoreContext.Admitted a = core.admit(caller, dirRef)) {
      Target dir = a.target;
      FileAttributes dirAttrs = prepareChange(caller, dir);
      SetAttributes init = withOwner(caller, dirAttrs, initial, 0644);
      BackendExport backend = dir.export().backend();
      String path = dir.child(name);
      FileAttributes attrs;
      long id;
      switch (mode) {
        case UNCHECKED, GUARDED -> {
          attrs = backend.create(path, init, mode == CreateMode.GUARDED);
          id = core.resolver.bind(dir, name, attrs);
        }
        case EXCLUSIVE -> {
          try {
            attrs = backend.create(path, init.withSize(null), true);
            id = core.resolver.bind(dir, name, attrs);
            core.handles.setCreateVerifier(id, verifier);
          } catch (BackendException e) {
            if (e.status() != BackendStatus.EXISTS) {
              throw e;
            }
            // RFC 1813 §3.3.8: a retransmitted exclusive CREATE with the same verifier succeeds
            attrs = backend.getattr(path);
            id = core.resolver.bind(dir, name, attrs);
            long stored = core.handles.get(id).map(r -> r.createVerifier()).orElse(0L);
            if (stored == 0 || stored != verifier || attrs.type() != FileType.REGULAR) {
              throw e;
            }
          }
        }
        default -> throw new IllegalStateException("create mode " + mode);
      }
      return finish(dir, id, attrs);
    }
  }

  Created mkdir(Caller caller, FileRef dirRef, String name, SetAttributes initial)
      throws BackendException {
    NameRules.requireNewName(name);
    try (CoreContext.Admitted a = core.admit(caller, dirRef)) {
      Target dir = a.target;
      FileAttributes dirAttrs = prepareChange(caller, dir);
      SetAttributes init = withOwner(caller, dirAttrs, initial, 0755);
      if (init.mode() != null && (dirAttrs.mode() & 02000) != 0) {
        // a directory made in a setgid directory inherits the setgid bit (Linux, BSD)
        init = init.withMode(init.mode() | 02000);
      }
      FileAttributes attrs = dir.export().backend().mkdir(dir.child(name), init);
      return finish(dir, core.resolver.bind(dir, name, attrs), attrs);
    }
  }

  Created symlink(Caller caller, FileRef dirRef, String name, String target, SetAttributes initial)
      throws BackendException {
    NameRules.requireNewName(name);
    if (target == null || target.isEmpty() || target.indexOf('\0') >= 0) {
      throw new BackendException(BackendStatus.INVALID_ARGUMENT, "empty link target or NUL in it");
    }
    if (target.length() > MAX_LINK_TARGET) {
      throw new BackendException(BackendStatus.NAME_TOO_LONG, "link target too long");
    }
    try (CoreContext.Admitted a = core.admit(caller, dirRef)) {
      Target dir = a.target;
      FileAttributes dirAttrs = prepareChange(caller, dir);
      if (!dir.export().backend().capabilities().symlinks()) {
        throw new BackendException(
            BackendStatus.NOT_SUPPORTED, "the backend of this export has no symbolic links");
      }
      SetAttributes init = withOwner(caller, dirAttrs, initial, 0777).withMode(null);
      FileAttributes attrs = dir.export().backend().symlink(dir.child(name), target, init);
      return finish(dir, core.resolver.bind(dir, name, attrs), attrs);
    }
  }

  Created mknod(
      Caller caller,
      FileRef dirRef,
      String name,
      FileType type,
      int major,
      int minor,
      SetAttributes initial)
      throws BackendException {
    NameRules.requireNewName(name);
    if (type == FileType.REGULAR || type == FileType.DIRECTORY || type == FileType.SYMLINK) {
      throw new BackendException(BackendStatus.INVALID_ARGUMENT, "mknod makes special files only");
    }
    try (CoreContext.Admitted a = core.admit(caller, dirRef)) {
      Target dir = a.target;
      FileAttributes dirAttrs = prepareChange(caller, dir);
      if (!dir.export().backend().capabilities().specialFiles()) {
        throw new BackendException(
            BackendStatus.NOT_SUPPORTED, "the backend of this export cannot hold special files");
      }
      if ((type == FileType.BLOCK_DEVICE || type == FileType.CHAR_DEVICE) && !caller.isRoot()) {
        throw new BackendException(BackendStatus.NOT_OWNER, "only root may make device nodes");
      }
      SetAttributes init = withOwner(caller, dirAttrs, initial, 0644);
      FileAttributes attrs =
          dir.export().backend().mknod(dir.child(name), type, major, minor, init);
      return finish(dir, core.resolver.bind(dir, name, attrs), attrs);
    }
  }

  FileAttributes remove(Caller caller, FileRef dirRef, String name) throws BackendException {
    NameRules.requireRemovableName(name);
    try (CoreContext.Admitted a = core.admit(caller, dirRef)) {
      Target dir = a.target;
      FileAttributes dirAttrs = prepareChange(caller, dir);
      BackendExport backend = dir.export().backend();
      if (stickyApplies(caller, dirAttrs)) {
        Permissions.requireStickyAllows(caller, dirAttrs, backend.getattr(dir.child(name)));
      }
      backend.remove(dir.child(name)); // IS_DIRECTORY for a directory (BackendExport contract)
      forget(dir, name);
      return afterChange(dir);
    }
  }

  FileAttributes rmdir(Caller caller, FileRef dirRef, String name) throws BackendException {
    NameRules.requireRemovableName(name);
    try (CoreContext.Admitted a = core.admit(caller, dirRef)) {
      Target dir = a.target;
      FileAttributes dirAttrs = prepareChange(caller, dir);
      BackendExport backend = dir.export().backend();
      if (stickyApplies(caller, dirAttrs)) {
        Permissions.requireStickyAllows(caller, dirAttrs, backend.getattr(dir.child(name)));
      }
      backend.rmdir(dir.child(name)); // NOT_DIRECTORY for a non-directory (contract)
      forget(dir, name);
      return afterChange(dir);
    }
  }

  Renamed rename(Caller caller, FileRef fromRef, String fromName, FileRef toRef, String toName)
      throws BackendException {
    NameRules.requireRemovableName(fromName);
    NameRules.requireRemovableName(toName);
    try (CoreContext.Admitted a = core.admit(caller, fromRef)) {
      Target from = a.target;
      Target to = core.alsoResolve(caller, a, toRef);
      FileAttributes fromAttrs = prepareChange(caller, from);
      FileAttributes toAttrs =
          from.objectId() == to.objectId() ? fromAttrs : prepareChange(caller, to);
      BackendExport backend = from.export().backend();
      FileAttributes src = backend.getattr(from.child(fromName));
      Permissions.requireStickyAllows(caller, fromAttrs, src);
      FileAttributes dst = existing(backend, to.child(toName));
      if (dst != null) {
        Permissions.requireStickyAllows(caller, toAttrs, dst);
      }
      if (src.type() == FileType.DIRECTORY) {
        OptionalLong srcId = core.handles.child(from.objectId(), fromName);
        if (srcId.isPresent() && core.handles.isSelfOrAncestor(srcId.getAsLong(), to.objectId())) {
          throw new BackendException(
              BackendStatus.INVALID_ARGUMENT, "cannot move a directory into itself");
        }
      }
      backend.rename(from.child(fromName), to.child(toName));
      OptionalLong replaced = core.handles.child(to.objectId(), toName);
      OptionalLong moved = core.handles.child(from.objectId(), fromName);
      core.handles.rename(from.objectId(), fromName, to.objectId(), toName);
      if (replaced.isPresent()
          && !replaced.equals(moved)
          && core.handles.get(replaced.getAsLong()).isEmpty()) {
        core.openFiles.evict(replaced.getAsLong());
      }
      core.handles.commit();
      core.lister.invalidate(from.objectId());
      core.lister.invalidate(to.objectId());
      FileAttributes fromAfter = core.attributes(from);
      FileAttributes toAfter = from.objectId() == to.objectId() ? fromAfter : core.attributes(to);
      return new Renamed(fromAfter, toAfter);
    }
  }

  Created link(Caller caller, FileRef fileRef, FileRef dirRef, String name)
      throws BackendException {
    NameRules.requireNewName(name);
    try (CoreContext.Admitted a = core.admit(caller, fileRef)) {
      Target file = a.target;
      Target dir = core.alsoResolve(caller, a, dirRef);
      FileAttributes fileAttrs = core.attributes(file);
      if (fileAttrs.type() == FileType.DIRECTORY) {
        throw new BackendException(BackendStatus.IS_DIRECTORY, "cannot hard-link a directory");
      }
      prepareChange(caller, dir);
      if (!dir.export().backend().capabilities().hardLinks()) {
        throw new BackendException(
            BackendStatus.NOT_SUPPORTED, "the backend of this export has no hard links");
      }
      FileAttributes attrs = dir.export().backend().link(file.path(), dir.child(name));
      core.handles.addLink(file.objectId(), dir.objectId(), name);
      core.handles.registerFileKey(file.objectId(), file.exportIndex(), attrs.fileId());
      return finish(dir, file.objectId(), attrs);
    }
  }

  // ----------------------------------------------------------------------------------------

  /** Checks that the export is writable and the caller may change the directory. */
  private FileAttributes prepareChange(Caller caller, Target dir) throws BackendException {
    CoreContext.requireWritable(dir);
    FileAttributes dirAttrs = core.attributes(dir);
    Permissions.requireDirectoryChange(caller, dirAttrs);
    return dirAttrs;
  }

  /** Whether the sticky-bit rule needs the victim's owner (it never does for root). */
  private static boolean stickyApplies(Caller caller, FileAttributes dirAttrs) {
    return (dirAttrs.mode() & 01000) != 0 && !caller.isRoot();
  }

  private static void requireDirectory(FileAttributes attrs) throws BackendException {
    if (attrs.type() != FileType.DIRECTORY) {
      throw new BackendException(BackendStatus.NOT_DIRECTORY, "not a directory");
    }
  }

  /**
   * The owner a new object gets: the caller (root may name another), and the directory's group if
   * it has the setgid bit (POSIX/BSD group inheritance), else the caller's group.
   */
  static SetAttributes withOwner(
      Caller caller, FileAttributes dirAttrs, SetAttributes initial, int defaultMode) {
    SetAttributes in = initial == null ? SetAttributes.NONE : initial;
    int uid = caller.isRoot() && in.uid() != null ? in.uid() : caller.uid();
    int gid;
    if (in.gid() != null && (caller.isRoot() || caller.inGroup(in.gid()))) {
      gid = in.gid();
    } else if ((dirAttrs.mode() & 02000) != 0) {
      gid = dirAttrs.gid();
    } else {
      gid = caller.gid();
    }
    int mode = in.mode() == null ? defaultMode : in.mode();
    return in.withOwner(uid, gid).withMode(mode);
  }

  private Created finish(Target dir, long id, FileAttributes attrs) throws BackendException {
    core.handles.commit();
    core.lister.invalidate(dir.objectId());
    return new Created(core.ref(dir, id), attrs.withFileId(id), core.attributes(dir));
  }

  private void forget(Target dir, String name) {
    OptionalLong gone = core.handles.unlink(dir.objectId(), name);
    gone.ifPresent(core.openFiles::evict);
    core.handles.commit();
    core.lister.invalidate(dir.objectId());
  }

  private FileAttributes afterChange(Target dir) throws BackendException {
    return core.attributes(dir);
  }

  private static FileAttributes existing(BackendExport backend, String path)
      throws BackendException {
    try {
      return backend.getattr(path);
    } catch (BackendException e) {
      if (e.status() == BackendStatus.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }
}
