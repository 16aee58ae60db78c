package org.ferryfs.core.fs;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.DirEntry;
import org.ferryfs.backend.FileAttributes;

/**
 * Directory listings with stable cookies.
 *
 * <p><b>Design note.</b> A backend listing has no positions a client could resume from (a local
 * directory stream, an SMB enumeration and an NFS backend's cookies are all different and none
 * survives a move). So Ferry makes its own: an entry's cookie is a keyed 63-bit hash of its name,
 * entries are served in cookie order, and "continue after cookie c" means "entries whose cookie is
 * greater than c". That is stable by construction: it does not depend on which page an entry was
 * in, on other entries coming or going, on a Ferry restart, or on which backend holds the export,
 * so a client resuming from any cookie it was given neither skips nor repeats an entry that stayed.
 * Cookies 1 and 2 are "." and ".."; 63 bits keep cookies positive for clients that store them in a
 * signed offset. Two names with the same 63-bit hash in one directory (odds about n²/2⁶⁴) would be
 * served in name order; a page boundary between them could skip the second.
 *
 * <p>A sorted listing is cached per directory and reused while the directory's mtime and ctime are
 * unchanged and nothing was changed in it through Ferry, so paging through a 10,000-entry directory
 * lists it once rather than once per page.
 */
final class DirectoryLister {
  static final long COOKIE_DOT = 1;
  static final long COOKIE_DOTDOT = 2;
  private static final long FIRST_ENTRY_COOKIE = 3;

  /** A sorted listing of one directory. */
  record Snapshot(Instant mtime, Instant ctime, long[] cookies, DirEntry[] entries, long madeAt) {
    /** Index of the first entry whose cookie is greater than {@code cookie}. */
    int after(long cookie) {
      int i = Arrays.binarySearch(cookies, cookie);
      if (i >= 0) {
        while (i < cookies.length && cookies[i] == cookie) {
          i++;
        }
        return i;
      }
      return -i - 1;
    }
  }

  private final long seed;
  private final Cache<Long, Snapshot> snapshots;

  DirectoryLister(byte[] secret, int capacity, Duration keep) {
    long s = 0x9E3779B97F4A7C15L;
    for (byte b : secret) {
      s = mix(s ^ (b & 0xff));
    }
    this.seed = s;
    this.snapshots = Caffeine.newBuilder().maximumSize(capacity).expireAfterWrite(keep).build();
  }

  /** The cookie of an entry name. */
  long cookie(String name) {
    long h = seed ^ 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h = mix(h) & Long.MAX_VALUE;
    return h < FIRST_ENTRY_COOKIE ? h + FIRST_ENTRY_COOKIE : h;
  }

  /** The cookie verifier of a directory: constant, because its cookies never go invalid. */
  long verifier(long dirObjectId) {
    long v = mix(seed ^ dirObjectId);
    return v == 0 ? 1 : v;
  }

  /** Source of a fresh listing. */
  @FunctionalInterface
  interface Source {
    List<DirEntry> list() throws BackendException;
  }

  /**
   * The sorted listing of a directory whose current attributes are {@code dirAttrs}: the cached one
   * if still valid, else a fresh one from {@code source}.
   */
  Snapshot snapshot(long dirObjectId, FileAttributes dirAttrs, long nowMillis, Source source)
      throws BackendException {
    Snapshot s = snapshots.getIfPresent(dirObjectId);
    if (s != null && s.mtime().equals(dirAttrs.mtime()) && s.ctime().equals(dirAttrs.ctime())) {
      return s;
    }
    DirEntry[] entries = source.list().toArray(new DirEntry[0]);
    long[] keys = new long[entries.length];
    Integer[] order = new Integer[entries.length];
    for (int i = 0; i < entries.length; i++) {
      keys[i] = cookie(entries[i].name());
      order[i] = i;
    }
    Arrays.sort(
        order,
        Comparator.<Integer>comparingLong(i -> keys[i]).thenComparing(i -> entries[i].name()));
    long[] cookies = new long[entries.length];
    DirEntry[] sorted = new DirEntry[entries.length];
    for (int i = 0; i < order.length; i++) {
      cookies[i] = keys[order[i]];
      sorted[i] = entries[order[i]];
    }
    Snapshot fresh = new Snapshot(dirAttrs.mtime(), dirAttrs.ctime(), cookies, sorted, nowMillis);
    snapshots.put(dirObjectId, fresh);
    return fresh;
  }

  /** Forgets the cached listing of a directory changed through Ferry. */
  void invalidate(long dirObjectId) {
    snapshots.invalidate(dirObjectId);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }
}
