package org.ferryfs.core.fs;

import java.nio.ByteBuffer;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendHandle;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.OpenMode;
import org.ferryfs.frontend.Caller;
import org.ferryfs.frontend.FileRef;
import org.ferryfs.frontend.ReadResult;
import org.ferryfs.frontend.WriteResult;
import org.ferryfs.frontend.WriteStability;

/**
 * Data operations: READ, WRITE, COMMIT, through backend handles kept open in {@link OpenFiles}.
 * Each costs the backend one fstat-like call (type, permissions, size for EOF) and the I/O.
 */
final class IoOps {
  private final CoreContext core;

  IoOps(CoreContext core) {
    this.core = core;
  }

  ReadResult read(Caller caller, FileRef ref, long offset, ByteBuffer dst) throws BackendException {
    if (offset < 0) {
      throw new BackendException(BackendStatus.INVALID_ARGUMENT, "negative offset");
    }
    try (CoreContext.Admitted a = core.admit(caller, ref);
        OpenFiles.Lease lease = open(a.target, OpenMode.READ)) {
      BackendHandle h = lease.handle();
      FileAttributes attrs = h.getattr().withFileId(a.target.objectId());
      Permissions.requireIo(caller, attrs, Permissions.R, "reading the file");
      int want = dst.remaining();
      int n = 0;
      if (offset < attrs.size() && want > 0) {
        n = Math.max(0, h.read(offset, dst));
      }
      boolean eof = offset + n >= attrs.size();
      return new ReadResult(n, eof, attrs);
    }
  }

  WriteResult write(
      Caller caller, FileRef ref, long offset, ByteBuffer src, WriteStability stability)
      throws BackendException {
    if (offset < 0) {
      throw new BackendException(BackendStatus.INVALID_ARGUMENT, "negative offset");
    }
    try (CoreContext.Admitted a = core.admit(caller, ref)) {
      CoreContext.requireWritable(a.target);
      try (OpenFiles.Lease lease = open(a.target, OpenMode.READ_WRITE)) {
        BackendHandle h = lease.handle();
        // root passes every write check: skip the extra attribute read (pre-op attributes are
        // optional in the reply, RFC 1813 §2.6 wcc_data)
        FileAttributes before = null;
        if (!caller.isRoot()) {
          before = h.getattr().withFileId(a.target.objectId());
          Permissions.requireIo(caller, before, Permissions.W, "writing the file");
        }
        int n = h.write(offset, src);
        WriteStability committed = WriteStability.UNSTABLE;
        if (stability != WriteStability.UNSTABLE) {
          h.sync();
          committed = WriteStability.FILE_SYNC;
        }
        FileAttributes after = h.getattr().withFileId(a.target.objectId());
        return new WriteResult(n, committed, before, after);
      }
    }
  }

  FileAttributes commit(Caller caller, FileRef ref) throws BackendException {
    try (CoreContext.Admitted a = core.admit(caller, ref)) {
      OpenFiles.Lease lease;
      try {
        lease = open(a.target, OpenMode.READ);
      } catch (BackendException e) {
        if (e.status() == BackendStatus.IS_DIRECTORY
            || e.status() == BackendStatus.INVALID_ARGUMENT
            || e.status() == BackendStatus.SYMLINK_LOOP) {
          return core.attributes(a.target); // nothing to make durable but data of files
        }
        throw e;
      }
      try (lease) {
        lease.handle().sync();
        return lease.handle().getattr().withFileId(a.target.objectId());
      }
    }
  }

  private OpenFiles.Lease open(Target t, OpenMode mode) throws BackendException {
    return core.openFiles.acquire(
        t.objectId(),
        t.exportIndex(),
        mode,
        m -> {
          try {
            return t.export().backend().open(t.path(), m);
          } catch (BackendException e) {
            throw CoreContext.staleIfGone(e);
          }
        });
  }
}
