package org.ferryfs.backend.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Regular files the local driver has just created, still open read-write, for the {@code open} that
 * usually follows a create (an NFS client's first WRITE): that open then checks the path (which it
 * does anyway, for the handle's first attributes) instead of walking to the file and opening it
 * again.
 *
 * <p>An entry is only a candidate: {@link LocalBackendExport#open} uses it when the path, checked
 * as every path is, names the same object (device and inode) right now, and otherwise closes it and
 * opens normally. So nothing here is trusted about the namespace, and other processes' changes need
 * no invalidation.
 *
 * <p>What an entry costs is an open descriptor: at most {@code capacity} of them, each kept at most
 * {@code maxAge} (checked on every put and take, by the export's clock), closed when its path is
 * removed or renamed, or replaced by a rename, through the export (a renamed directory's files
 * too), and when the export closes. A file removed by another process keeps its space until its
 * entry goes.
 */
final class CreatedFiles {
  private static final Logger LOG = LoggerFactory.getLogger(CreatedFiles.class);

  /** A created file, open read-write. */
  record Entry(FileChannel channel, Object fileKey, Instant created) {}

  private final int capacity;
  private final Duration maxAge;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();

  /** By path, oldest first; guarded by {@link #lock}. */
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

  /** Set by {@link #close()}; guarded by {@link #lock}. */
  private boolean closed;

  CreatedFiles(int capacity, Duration maxAge, Clock clock) {
    if (capacity < 0 || maxAge.isNegative()) {
      throw new IllegalArgumentException(
          "capacity and age must not be negative, got " + capacity + " and " + maxAge);
    }
    this.capacity = capacity;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /** Keeps {@code channel}, open on the file just created at {@code path}, for a later take. */
  void put(String path, FileChannel channel, Object fileKey) {
    if (capacity == 0) {
      close(List.of(new Entry(channel, fileKey, Instant.EPOCH)));
      return;
    }
    Instant now = clock.instant();
    List<Entry> closing = new ArrayList<>();
    lock.lock();
    try {
      if (closed) {
        // the export closed while its create ran: nothing may stay open after that
        closing.add(new Entry(channel, fileKey, now));
        return;
      }
      expire(now, closing);
      Entry replaced = entries.remove(path); // re-inserted last: the map stays oldest first
      entries.put(path, new Entry(channel, fileKey, now));
      if (replaced != null) {
        closing.add(replaced);
      }
      Iterator<Entry> oldest = entries.values().iterator();
      while (entries.size() > capacity) {
        closing.add(oldest.next());
        oldest.remove();
      }
    } finally {
      lock.unlock();
      close(closing);
    }
  }

  /** The entry for {@code path}, now the caller's (to use or close), or {@code null}. */
  Entry take(String path) {
    List<Entry> closing = new ArrayList<>();
    Entry taken;
    lock.lock();
    try {
      if (entries.isEmpty()) {
        return null;
      }
      expire(clock.instant(), closing);
      taken = entries.remove(path);
    } finally {
      lock.unlock();
    }
    close(closing);
    return taken;
  }

  /** Closes the entry for {@code path}, if any. */
  void discard(String path) {
    Entry gone;
    lock.lock();
    try {
      if (entries.isEmpty()) {
        return;
      }
      gone = entries.remove(path);
    } finally {
      lock.unlock();
    }
    if (gone != null) {
      close(List.of(gone));
    }
  }

  /** Closes the entries for {@code path} and for every path below it (a renamed directory). */
  void discardTree(String path) {
    String below = path + "/";
    List<Entry> closing = new ArrayList<>();
    lock.lock();
    try {
      Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<String, Entry> e = it.next();
        if (e.getKey().equals(path) || e.getKey().startsWith(below)) {
          closing.add(e.getValue());
          it.remove();
        }
      }
    } finally {
      lock.unlock();
    }
    close(closing);
  }

  /** Closes every entry. */
  void clear() {
    List<Entry> closing;
    lock.lock();
    try {
      if (entries.isEmpty()) {
        return;
      }
      closing = new ArrayList<>(entries.values());
      entries.clear();
    } finally {
      lock.unlock();
    }
    close(closing);
  }

  /** Closes every entry and every channel put from now on. */
  void close() {
    lock.lock();
    try {
      closed = true;
    } finally {
      lock.unlock();
    }
    clear();
  }

  /** How many entries are kept now; for tests. */
  int size() {
    lock.lock();
    try {
      return entries.size();
    } finally {
      lock.unlock();
    }
  }

  /** Moves the entries older than {@link #maxAge} to {@code closing}; under the lock. */
  private void expire(Instant now, List<Entry> closing) {
    Instant limit = now.minus(maxAge);
    Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Entry e = it.next().getValue();
      if (!e.created().isBefore(limit)) {
        return; // the rest are younger
      }
      closing.add(e);
      it.remove();
    }
  }

  static void close(List<Entry> closing) {
    for (Entry e : closing) {
      try {
        e.channel().close();
      } catch (IOException ex) {
        LOG.debug("closing a created file's channel failed: {}", ex.toString());
      }
    }
  }
}
