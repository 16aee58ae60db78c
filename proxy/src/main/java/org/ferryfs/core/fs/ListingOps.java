package org.ferryfs.core.fs;

import java.util.ArrayList;
import java.util.List;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.DirEntry;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.FileType;
import org.ferryfs.frontend.Caller;
import org.ferryfs.frontend.DirPage;
import org.ferryfs.frontend.FileRef;

/** READDIR and READDIRPLUS over {@link DirectoryLister}'s stable cookies. */
final class ListingOps {
  /** Attributes in a cached listing younger than this are served as they are. */
  private static final long FRESH_MILLIS = 1000;

  private final CoreContext core;

  ListingOps(CoreContext core) {
    this.core = core;
  }

  DirPage readdir(
      Caller caller,
      FileRef dirRef,
      long cookie,
      long verifier,
      int maxEntries,
      boolean withAttributes)
      throws BackendException {
    if (maxEntries < 1) {
      throw new BackendException(BackendStatus.TOO_SMALL, "room for no entry");
    }
    try (CoreContext.Admitted a = core.admit(caller, dirRef)) {
      Target dir = a.target;
      FileAttributes dirAttrs = core.attributes(dir);
      if (dirAttrs.type() != FileType.DIRECTORY) {
        throw new BackendException(BackendStatus.NOT_DIRECTORY, "not a directory");
      }
      Permissions.require(caller, dirAttrs, Permissions.R, "listing the directory");
      long ourVerifier = core.lister.verifier(dir.objectId());
      if (cookie != 0 && verifier != 0 && verifier != ourVerifier) {
        throw new BackendException(BackendStatus.BAD_COOKIE, "cookie verifier does not match");
      }
      if (cookie < 0) {
        throw new BackendException(BackendStatus.BAD_COOKIE, "cookie out of range");
      }
      long now = core.clock.millis();
      DirectoryLister.Snapshot snap =
          core.lister.snapshot(
              dir.objectId(), dirAttrs, now, () -> dir.export().backend().list(dir.path()));
      boolean fresh = now - snap.madeAt() < FRESH_MILLIS;

      List<DirPage.Entry> out = new ArrayList<>(Math.min(maxEntries, 1024));
      if (cookie < DirectoryLister.COOKIE_DOT) {
        out.add(
            new DirPage.Entry(
                ".",
                DirectoryLister.COOKIE_DOT,
                dir.objectId(),
                core.ref(dir),
                withAttributes ? dirAttrs : null));
      }
      if (cookie < DirectoryLister.COOKIE_DOTDOT && out.size() < maxEntries) {
        Target parent = core.resolver.parent(dir);
        out.add(
            new DirPage.Entry(
                "..",
                DirectoryLister.COOKIE_DOTDOT,
                parent.objectId(),
                core.ref(parent),
                withAttributes ? core.attributes(parent) : null));
      }
      int i = cookie <= DirectoryLister.COOKIE_DOTDOT ? 0 : snap.after(cookie);
      DirEntry[] entries = snap.entries();
      for (; i < entries.length && out.size() < maxEntries; i++) {
        DirEntry e = entries[i];
        FileAttributes attrs = e.attributes();
        if (withAttributes && !fresh) {
          try {
            attrs = dir.export().backend().getattr(dir.child(e.name()));
          } catch (BackendException ex) {
            if (ex.status() == BackendStatus.NOT_FOUND) {
              continue; // removed since the listing was made
            }
            throw ex;
          }
        }
        long id = core.resolver.bind(dir, e.name(), attrs);
        out.add(
            new DirPage.Entry(
                e.name(),
                snap.cookies()[i],
                id,
                core.ref(dir, id),
                withAttributes ? attrs.withFileId(id) : null));
      }
      core.handles.commit();
      return new DirPage(out, i >= entries.length, ourVerifier, dirAttrs);
    }
  }
}
