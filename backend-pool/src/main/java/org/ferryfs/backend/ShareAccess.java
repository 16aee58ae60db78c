package org.ferryfs.backend;

import java.util.EnumSet;
import java.util.Set;

/**
 * What other opens of the same file an open allows ([MS-SMB2] 2.2.13 ShareAccess): an open that
 * leaves out {@code WRITE} denies others writing while it is open.
 */
public enum ShareAccess {
  READ,
  WRITE,
  DELETE;

  /** Allow everything (what POSIX opens do). */
  public static Set<ShareAccess> all() {
    return EnumSet.allOf(ShareAccess.class);
  }
}
