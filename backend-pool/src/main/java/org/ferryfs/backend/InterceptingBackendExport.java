package org.ferryfs.backend;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * A {@link ForwardingBackendExport} that routes every file operation, and every operation of the
 * handles it opens, through one method, {@link #intercept}. Decorators that treat operations
 * uniformly (fault injection, delays, call recording) implement only that method.
 *
 * <p>{@link #describe()}, {@link #capabilities()} and {@link #close()} are not intercepted.
 */
public abstract class InterceptingBackendExport extends ForwardingBackendExport {

  private final BackendExport target;

  protected InterceptingBackendExport(BackendExport target) {
    this.target = Objects.requireNonNull(target, "target");
  }

  @Override
  protected final BackendExport delegate() {
    return target;
  }

  /** One forwarded call. */
  @FunctionalInterface
  protected interface Call<T> {
    T call() throws BackendException;
  }

  /**
   * Runs around every operation.
   *
   * @param op which operation
   * @param path the path it names (for rename and link: the first one; for handle operations: the
   *     path the handle was opened with)
   * @param call performs the operation on the delegate; call it at most once
   */
  protected abstract <T> T intercept(BackendOp op, String path, Call<T> call)
      throws BackendException;

  @Override
  public FileAttributes getattr(String path) throws BackendException {
    return intercept(BackendOp.GETATTR, path, () -> super.getattr(path));
  }

  @Override
  public FileAttributes setattr(String path, SetAttributes change) throws BackendException {
    return intercept(BackendOp.SETATTR, path, () -> super.setattr(path, change));
  }

  @Override
  public List<DirEntry> list(String dir) throws BackendException {
    return intercept(BackendOp.LIST, dir, () -> super.list(dir));
  }

  @Override
  public FileAttributes create(String path, SetAttributes initial, boolean exclusive)
      throws BackendException {
    return intercept(BackendOp.CREATE, path, () -> super.create(path, initial, exclusive));
  }

  @Override
  public FileAttributes mkdir(String path, SetAttributes initial) throws BackendException {
    return intercept(BackendOp.MKDIR, path, () -> super.mkdir(path, initial));
  }

  @Override
  public FileAttributes symlink(String path, String linkTarget, SetAttributes initial)
      throws BackendException {
    return intercept(BackendOp.SYMLINK, path, () -> super.symlink(path, linkTarget, initial));
  }

  @Override
  public String readlink(String path) throws BackendException {
    return intercept(BackendOp.READLINK, path, () -> super.readlink(path));
  }

  @Override
  public FileAttributes mknod(
      String path, FileType type, int major, int minor, SetAttributes initial)
      throws BackendException {
    return intercept(BackendOp.MKNOD, path, () -> super.mknod(path, type, major, minor, initial));
  }

  @Override
  public void remove(String path) throws BackendException {
    intercept(
        BackendOp.REMOVE,
        path,
        () -> {
          super.remove(path);
          return null;
        });
  }

  @Override
  public void rmdir(String path) throws BackendException {
    intercept(
        BackendOp.RMDIR,
        path,
        () -> {
          super.rmdir(path);
          return null;
        });
  }

  @Override
  public void rename(String from, String to) throws BackendException {
    intercept(
        BackendOp.RENAME,
        from,
        () -> {
          super.rename(from, to);
          return null;
        });
  }

  @Override
  public FileAttributes link(String existing, String newPath) throws BackendException {
    return intercept(BackendOp.LINK, existing, () -> super.link(existing, newPath));
  }

  @Override
  public BackendHandle open(String path, OpenMode mode) throws BackendException {
    BackendHandle handle = intercept(BackendOp.OPEN, path, () -> super.open(path, mode));
    return new InterceptedHandle(handle, path);
  }

  @Override
  public BackendHandle open(String path, OpenMode mode, java.util.Set<ShareAccess> share)
      throws BackendException {
    BackendHandle handle = intercept(BackendOp.OPEN, path, () -> super.open(path, mode, share));
    return new InterceptedHandle(handle, path);
  }

  @Override
  public FsStats fsstat() throws BackendException {
    return intercept(BackendOp.FSSTAT, "", super::fsstat);
  }

  /** A handle whose operations go through {@link #intercept} too. */
  private final class InterceptedHandle implements BackendHandle {
    private final BackendHandle handle;
    private final String path;

    InterceptedHandle(BackendHandle handle, String path) {
      this.handle = Objects.requireNonNull(handle, "handle");
      this.path = path;
    }

    @Override
    public int read(long offset, ByteBuffer dst) throws BackendException {
      return intercept(BackendOp.READ, path, () -> handle.read(offset, dst));
    }

    @Override
    public int write(long offset, ByteBuffer src) throws BackendException {
      return intercept(BackendOp.WRITE, path, () -> handle.write(offset, src));
    }

    @Override
    public void sync() throws BackendException {
      intercept(
          BackendOp.SYNC,
          path,
          () -> {
            handle.sync();
            return null;
          });
    }

    @Override
    public FileAttributes getattr() throws BackendException {
      return intercept(BackendOp.HANDLE_GETATTR, path, handle::getattr);
    }

    @Override
    public void lock(long offset, long length, boolean exclusive) throws BackendException {
      intercept(
          BackendOp.LOCK,
          path,
          () -> {
            handle.lock(offset, length, exclusive);
            return null;
          });
    }

    @Override
    public void unlock(long offset, long length) throws BackendException {
      intercept(
          BackendOp.UNLOCK,
          path,
          () -> {
            handle.unlock(offset, length);
            return null;
          });
    }

    @Override
    public void close() throws BackendException {
      intercept(
          BackendOp.HANDLE_CLOSE,
          path,
          () -> {
            handle.close();
            return null;
          });
    }

    @Override
    public String toString() {
      return InterceptingBackendExport.this.getClass().getSimpleName() + "(" + handle + ")";
    }
  }
}
