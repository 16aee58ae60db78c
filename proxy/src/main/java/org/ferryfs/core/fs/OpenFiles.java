package org.ferryfs.core.fs;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.time.Duration;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendHandle;
import org.ferryfs.backend.OpenMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backend handles kept open for stateless (NFS) I/O, one per object, so a stream of READs or WRITEs
 * does not open and close the backend file each time.
 *
 * <p><b>Design note.</b> Entries are reference counted: a request {@link #acquire}s a lease and
 * closes it when done; an entry evicted by the cache (idle, over capacity, its object removed, its
 * export moved) is retired and its backend handle is closed when the last lease is returned. So
 * eviction never closes a handle under a request that is using it. A READ-only entry is replaced by
 * a READ_WRITE one when a write comes; the old one retires the same way.
 */
final class OpenFiles implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OpenFiles.class);

  /** Opens a backend handle for an object. */
  @FunctionalInterface
  interface Opener {
    BackendHandle open(OpenMode mode) throws BackendException;
  }

  /** One request's use of an open file. */
  interface Lease extends AutoCloseable {
    BackendHandle handle();

    @Override
    void close();
  }

  private static final class Entry implements Lease {
    final BackendHandle handle;
    final OpenMode mode;
    final int exportIndex;
    private int refs;
    private boolean retired;

    Entry(BackendHandle handle, OpenMode mode, int exportIndex) {
      this.handle = handle;
      this.mode = mode;
      this.exportIndex = exportIndex;
    }

    synchronized boolean retain() {
      if (retired) {
        return false;
      }
      refs++;
      return true;
    }

    @Override
    public BackendHandle handle() {
      return handle;
    }

    @Override
    public void close() {
      boolean closeNow;
      synchronized (this) {
        refs--;
        closeNow = retired && refs == 0;
      }
      if (closeNow) {
        closeQuietly(handle);
      }
    }

    void retire() {
      boolean closeNow;
      synchronized (this) {
        if (retired) {
          return;
        }
        retired = true;
        closeNow = refs == 0;
      }
      if (closeNow) {
        closeQuietly(handle);
      }
    }

    boolean covers(OpenMode wanted) {
      return mode == OpenMode.READ_WRITE || wanted == OpenMode.READ;
    }
  }

  private final Cache<Long, Entry> cache;

  OpenFiles(int capacity, Duration idle) {
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(capacity)
            .expireAfterAccess(idle)
            .executor(Runnable::run)
            .removalListener(
                (Long id, Entry e, RemovalCause cause) -> {
                  if (e != null) {
                    e.retire();
                  }
                })
            .build();
  }

  /** A lease on an open handle of {@code objectId} good for {@code mode}. */
  Lease acquire(long objectId, int exportIndex, OpenMode mode, Opener opener)
      throws BackendException {
    Entry e = cache.getIfPresent(objectId);
    if (e != null && e.covers(mode) && e.retain()) {
      return e;
    }
    Entry fresh = new Entry(opener.open(mode), mode, exportIndex);
    fresh.retain();
    Entry previous = cache.asMap().put(objectId, fresh);
    if (previous != null && previous != fresh) {
      previous.retire();
    }
    return fresh;
  }

  /** Closes (once unused) the handle of an object, e.g. after it was removed. */
  void evict(long objectId) {
    cache.invalidate(objectId);
  }

  /** Closes (once unused) every handle. */
  void evictAll() {
    cache.invalidateAll();
  }

  long size() {
    return cache.estimatedSize();
  }

  /** Backend files held open for an export. */
  long openFor(int exportIndex) {
    long n = 0;
    for (Entry e : cache.asMap().values()) {
      if (e.exportIndex == exportIndex) {
        n++;
      }
    }
    return n;
  }

  @Override
  public void close() {
    evictAll();
    cache.cleanUp();
  }

  private static void closeQuietly(BackendHandle h) {
    try {
      h.close();
    } catch (BackendException | RuntimeException ex) {
      LOG.debug("closing backend handle failed: {}", ex.toString());
    }
  }
}
