package org.ferryfs.backend;

import java.util.List;
import java.util.Objects;

/**
 * A {@link BackendExport} that forwards every call to another one. Behaviour is added by decorating
 * (DESIGN.md §5.6): routing, metrics, caching, fault and delay injection each subclass this and
 * override only what they change.
 */
public abstract class ForwardingBackendExport implements BackendExport {

  /** The export calls go to. */
  protected abstract BackendExport delegate() throws BackendException;

  @Override
  public String describe() {
    try {
      return delegate().describe();
    } catch (BackendException e) {
      return getClass().getSimpleName() + "(" + e.status() + ")";
    }
  }

  @Override
  public BackendCapabilities capabilities() {
    try {
      return delegate().capabilities();
    } catch (BackendException e) {
      throw new IllegalStateException("no backend to ask for capabilities: " + e.getMessage(), e);
    }
  }

  @Override
  public FileAttributes getattr(String path) throws BackendException {
    return delegate().getattr(path);
  }

  @Override
  public FileAttributes setattr(String path, SetAttributes change) throws BackendException {
    return delegate().setattr(path, change);
  }

  @Override
  public List<DirEntry> list(String dir) throws BackendException {
    return delegate().list(dir);
  }

  @Override
  public FileAttributes create(String path, SetAttributes initial, boolean exclusive)
      throws BackendException {
    return delegate().create(path, initial, exclusive);
  }

  @Override
  public FileAttributes mkdir(String path, SetAttributes initial) throws BackendException {
    return delegate().mkdir(path, initial);
  }

  @Override
  public FileAttributes symlink(String path, String target, SetAttributes initial)
      throws BackendException {
    return delegate().symlink(path, target, initial);
  }

  @Override
  public String readlink(String path) throws BackendException {
    return delegate().readlink(path);
  }

  @Override
  public FileAttributes mknod(
      String path, FileType type, int major, int minor, SetAttributes initial)
      throws BackendException {
    return delegate().mknod(path, type, major, minor, initial);
  }

  @Override
  public void remove(String path) throws BackendException {
    delegate().remove(path);
  }

  @Override
  public void rmdir(String path) throws BackendException {
    delegate().rmdir(path);
  }

  @Override
  public void rename(String from, String to) throws BackendException {
    delegate().rename(from, to);
  }

  @Override
  public FileAttributes link(String existing, String newPath) throws BackendException {
    return delegate().link(existing, newPath);
  }

  @Override
  public BackendHandle open(String path, OpenMode mode) throws BackendException {
    return delegate().open(path, mode);
  }

  @Override
  public BackendHandle open(String path, OpenMode mode, java.util.Set<ShareAccess> share)
      throws BackendException {
    return delegate().open(path, mode, share);
  }

  @Override
  public FsStats fsstat() throws BackendException {
    return delegate().fsstat();
  }

  @Override
  public void close() {
    try {
      delegate().close();
    } catch (BackendException e) {
      // nothing to close
    }
  }

  /** A forwarding export over a fixed delegate. */
  public static class Fixed extends ForwardingBackendExport {
    private final BackendExport target;

    public Fixed(BackendExport target) {
      this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    protected BackendExport delegate() {
      return target;
    }
  }
}
