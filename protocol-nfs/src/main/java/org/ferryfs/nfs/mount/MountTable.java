package org.ferryfs.nfs.mount;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ferryfs.nfs.mount.xdr.Mountbody;

/**
 * The in-memory list of mounts DUMP reports (RFC 1813 §5.2.2). Advisory only, as the RFC notes: it
 * is lost on restart and a client that never unmounts stays listed. Bounded so a client cannot grow
 * it without end.
 */
public final class MountTable {

  /** Most entries kept; further mounts still succeed but are not listed. */
  public static final int MAX_ENTRIES = 4096;

  private final Set<Mountbody> mounts = ConcurrentHashMap.newKeySet();

  /** Records {@code host} mounting {@code path}. */
  public void add(String host, String path) {
    if (mounts.size() < MAX_ENTRIES) {
      mounts.add(new Mountbody(host, path));
    }
  }

  /** Forgets {@code host}'s mount of {@code path}. */
  public void remove(String host, String path) {
    mounts.remove(new Mountbody(host, path));
  }

  /** Forgets every mount of {@code host}. */
  public void removeAll(String host) {
    mounts.removeIf(m -> m.hostname().equals(host));
  }

  /** The mounts, sorted by host and path. */
  public List<Mountbody> list() {
    List<Mountbody> list = new ArrayList<>(mounts);
    list.sort(Comparator.comparing(Mountbody::hostname).thenComparing(Mountbody::directory));
    return list;
  }
}
