package org.ferryfs.frontend;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * Who asks: the numeric identity the core checks permissions against, and the client's address,
 * which export access rules are checked against.
 *
 * @param uid user id (0 is root)
 * @param gid primary group id
 * @param groups supplementary group ids
 * @param address the client's address
 */
public record Caller(int uid, int gid, int[] groups, InetAddress address) {
  public Caller {
    groups = groups == null ? new int[0] : groups.clone();
    Objects.requireNonNull(address, "address");
  }

  public boolean isRoot() {
    return uid == 0;
  }

  /** True if {@code g} is the primary or a supplementary group. */
  public boolean inGroup(int g) {
    if (g == gid) {
      return true;
    }
    for (int x : groups) {
      if (x == g) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Caller c
        && c.uid == uid
        && c.gid == gid
        && Arrays.equals(c.groups, groups)
        && c.address.equals(address);
  }

  @Override
  public int hashCode() {
    return Objects.hash(uid, gid, Arrays.hashCode(groups), address);
  }

  @Override
  public String toString() {
    return "Caller[uid=" + uid + ", gid=" + gid + ", from=" + address.getHostAddress() + "]";
  }
}
