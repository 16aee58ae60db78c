package org.ferryfs.nfs.client;

import java.io.IOException;

/** MNT answered with an error {@code mountstat3}. */
public final class MountException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public MountException(String path, int status) {
    super("MNT " + path + " failed: mountstat3 " + status);
    this.status = status;
  }

  /** The {@code mountstat3}. */
  public int status() {
    return status;
  }
}
