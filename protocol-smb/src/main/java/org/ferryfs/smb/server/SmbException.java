package org.ferryfs.smb.server;

import org.ferryfs.smb.wire.NtStatus;

/** A request that fails with a given NTSTATUS for a protocol reason (no such tree, bad class). */
public final class SmbException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int status;

  public SmbException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  @Override
  public String toString() {
    return NtStatus.hex(status) + ": " + getMessage();
  }
}
