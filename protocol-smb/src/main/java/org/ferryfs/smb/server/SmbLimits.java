package org.ferryfs.smb.server;

/** The bounds one client is held to (issue 3, "Bad input"). */
public final class SmbLimits {
  /** MaxReadSize / MaxWriteSize / MaxTransactSize offered for 2.1 and later (large MTU). */
  public static final int MAX_IO = 1024 * 1024;

  /** The same for 2.0.2, which has no multi-credit requests. */
  public static final int MAX_IO_2_0_2 = 65536;

  /** Largest Direct TCP message accepted: one maximal WRITE plus headers and a compound. */
  public static final int MAX_MESSAGE = MAX_IO + 64 * 1024;

  /**
   * Most credits (message ids) a connection may hold unused at once, and the widest span of message
   * ids it may have granted past the lowest unused one. 8192 is what Windows and Samba grant
   * ({@code smb2 max credits}); smbtorture's smb2.credits expects it.
   */
  public static final int MAX_CREDITS = 8192;

  /** Most requests queued on one connection before it is closed for flooding. */
  public static final int MAX_QUEUED = 1024;

  /** Most bytes of requests queued on one connection before it is closed for flooding. */
  public static final long MAX_QUEUED_BYTES = 64L * 1024 * 1024;

  /** Most compounded requests in one message. */
  public static final int MAX_COMPOUND = 64;

  /** Most sessions, trees per session, opens per connection. */
  public static final int MAX_SESSIONS = 64;

  public static final int MAX_TREES = 256;
  public static final int MAX_OPENS = 16384;

  /** Directory entries fetched from the core per page. */
  public static final int DIR_PAGE = 256;

  private SmbLimits() {}
}
