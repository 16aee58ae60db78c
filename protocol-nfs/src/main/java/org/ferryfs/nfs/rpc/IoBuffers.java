package org.ferryfs.nfs.rpc;

/**
 * The buffers of one RPC server: a pool of small buffers (records as they are read, replies as they
 * are encoded) and one of large buffers (a record too big for a small one, READ data, big replies).
 * Sizes above the large size get an unpooled heap buffer.
 *
 * <p>Bounds: at most {@value #SMALL_MAX_DIRECT} small ({@value #SMALL_SIZE} bytes) and {@value
 * #LARGE_MAX_DIRECT} large direct buffers exist at once; beyond, heap buffers are used. The
 * connection and in-flight limits bound how many buffers can be leased at all (each call holds at
 * most its record's buffer, one reply and one data buffer).
 */
public final class IoBuffers {

  /** Capacity of a small buffer: a read from the socket, a typical reply. */
  public static final int SMALL_SIZE = 64 * 1024;

  static final int SMALL_MAX_IDLE = 128;
  static final int SMALL_MAX_DIRECT = 1024;
  static final int LARGE_MAX_IDLE = 32;
  static final int LARGE_MAX_DIRECT = 128;

  private final BufferPool small;
  private final BufferPool large;

  /**
   * @param largeSize capacity of a large buffer: at least the largest record plus its markers
   */
  public IoBuffers(int largeSize) {
    this(
        new BufferPool(SMALL_SIZE, SMALL_MAX_IDLE, SMALL_MAX_DIRECT),
        new BufferPool(Math.max(largeSize, SMALL_SIZE), LARGE_MAX_IDLE, LARGE_MAX_DIRECT));
  }

  IoBuffers(BufferPool small, BufferPool large) {
    if (large.bufferSize() < small.bufferSize()) {
      throw new IllegalArgumentException("large buffers must not be smaller than small ones");
    }
    this.small = small;
    this.large = large;
  }

  /** Buffers for a server whose records hold at most {@code maxRecordSize} bytes. */
  public static IoBuffers forRecords(int maxRecordSize) {
    // Room for the record, its fragment markers and a read's worth of the next record.
    return new IoBuffers(Math.max(maxRecordSize, 1 << 20) + SMALL_SIZE);
  }

  /** A buffer of at least {@code capacity} bytes (position 0, limit = its capacity). */
  public Lease lease(int capacity) {
    if (capacity <= small.bufferSize()) {
      return small.acquire();
    }
    if (capacity <= large.bufferSize()) {
      return large.acquire();
    }
    return Lease.unpooled(java.nio.ByteBuffer.allocate(capacity));
  }

  /** A small buffer. */
  public Lease small() {
    return small.acquire();
  }

  /** A large buffer. */
  public Lease large() {
    return large.acquire();
  }

  public int smallSize() {
    return small.bufferSize();
  }

  public int largeSize() {
    return large.bufferSize();
  }

  /** Leases not yet released, both pools (for tests). */
  public int leased() {
    return small.leased() + large.leased();
  }
}
