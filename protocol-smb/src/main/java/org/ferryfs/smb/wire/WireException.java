package org.ferryfs.smb.wire;

/**
 * A request that breaks the wire format: a field out of range, a length or offset pointing outside
 * the message. The dispatcher answers it with {@link NtStatus#STATUS_INVALID_PARAMETER} (or closes
 * the connection when even the header cannot be trusted).
 */
public final class WireException extends Exception {
  private static final long serialVersionUID = 1L;

  public WireException(String message) {
    super(message, null, false, false);
  }
}
