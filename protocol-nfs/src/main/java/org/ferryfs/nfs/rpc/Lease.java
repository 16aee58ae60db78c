package org.ferryfs.nfs.rpc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * A reference-counted loan of one {@link BufferPool} buffer. Created with one reference; every
 * {@link #retain()} needs its own {@link #release()}; the buffer goes back to the pool with the
 * last one and must not be touched afterwards by anyone who held it.
 */
public final class Lease {

  private final BufferPool pool; // null: unpooled
  private final ByteBuffer buffer;

  /** References held; a field of its own (not an AtomicInteger): one object less per lease. */
  @SuppressWarnings("unused") // accessed through REFS
  private volatile int refs = 1;

  private static final VarHandle REFS;

  static {
    try {
      REFS = MethodHandles.lookup().findVarHandle(Lease.class, "refs", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  Lease(BufferPool pool, ByteBuffer buffer) {
    this.pool = pool;
    this.buffer = buffer;
  }

  /** A lease of a buffer that belongs to no pool (released to the garbage collector). */
  public static Lease unpooled(ByteBuffer buffer) {
    return new Lease(null, buffer);
  }

  /**
   * The leased buffer. Its position and limit belong to whoever holds the first reference; others
   * work on their own {@link ByteBuffer#slice slices} or {@link ByteBuffer#duplicate duplicates}.
   */
  public ByteBuffer buffer() {
    return buffer;
  }

  /** Adds a reference; the lease must still be held. */
  public Lease retain() {
    int before = (int) REFS.getAndAdd(this, 1);
    if (before < 1) {
      REFS.getAndAdd(this, -1);
      throw new IllegalStateException("a released lease cannot be retained");
    }
    return this;
  }

  /** Drops a reference; the last one returns the buffer to its pool. */
  public void release() {
    int after = (int) REFS.getAndAdd(this, -1) - 1;
    if (after == 0) {
      if (pool != null) {
        pool.giveBack(buffer);
      }
    } else if (after < 0) {
      throw new IllegalStateException("lease released more often than it was retained");
    }
  }
}
