package org.ferryfs.nfs.rpc;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool of equally sized direct buffers for the I/O path: records are read into them,
 * replies encoded into them, READ data read into them, so that neither Grizzly nor the JDK has to
 * copy a heap buffer into a temporary direct one on the way to a socket or a file.
 *
 * <p>Design note. Two bounds keep the memory finite whatever the traffic: at most {@code maxIdle}
 * buffers wait in the pool, and at most {@code maxDirect} direct buffers exist at once (idle plus
 * leased). When {@code maxDirect} are out, {@link #acquire()} hands out an ordinary heap buffer of
 * the same size instead (slower, left to the garbage collector); callers never wait. Leases are
 * counted ({@link Lease#retain()}, {@link Lease#release()}) because one received buffer may hold
 * several records whose calls finish in any order; the buffer returns to the pool when the last
 * reference goes. Buffers are handed out with stale contents: whoever sends bytes from one must
 * have written them first (never zero-filled, which is the point).
 */
public final class BufferPool {

  private final int bufferSize;
  private final int maxDirect;
  private final ByteBuffer[] idle;
  private int idleCount; // guarded by this
  private int direct; // direct buffers in existence, idle or leased; guarded by this
  private final AtomicInteger leased = new AtomicInteger();

  /**
   * @param bufferSize capacity of every buffer
   * @param maxIdle most buffers kept for reuse
   * @param maxDirect most direct buffers in existence at once; beyond, heap buffers are leased
   */
  public BufferPool(int bufferSize, int maxIdle, int maxDirect) {
    if (bufferSize < 1 || maxIdle < 0 || maxDirect < maxIdle) {
      throw new IllegalArgumentException(
          "need bufferSize >= 1 and 0 <= maxIdle <= maxDirect, got "
              + bufferSize
              + " / "
              + maxIdle
              + " / "
              + maxDirect);
    }
    this.bufferSize = bufferSize;
    this.maxDirect = maxDirect;
    this.idle = new ByteBuffer[maxIdle];
  }

  /** The capacity of every buffer of this pool. */
  public int bufferSize() {
    return bufferSize;
  }

  /**
   * A buffer with position 0 and limit at its capacity, referenced once; direct unless {@code
   * maxDirect} direct buffers are out already.
   */
  public Lease acquire() {
    ByteBuffer b = null;
    boolean allocateDirect = false;
    synchronized (this) {
      if (idleCount > 0) {
        b = idle[--idleCount];
        idle[idleCount] = null;
      } else if (direct < maxDirect) {
        direct++;
        allocateDirect = true;
      }
    }
    if (b == null) {
      b = allocateDirect ? allocateDirect() : ByteBuffer.allocate(bufferSize);
    }
    b.clear();
    leased.incrementAndGet();
    return new Lease(this, b);
  }

  private ByteBuffer allocateDirect() {
    try {
      return ByteBuffer.allocateDirect(bufferSize);
    } catch (OutOfMemoryError e) {
      // -XX:MaxDirectMemorySize reached: fall back to the heap rather than fail the call.
      synchronized (this) {
        direct--;
      }
      return ByteBuffer.allocate(bufferSize);
    }
  }

  /** A lease's last reference went. */
  void giveBack(ByteBuffer b) {
    leased.decrementAndGet();
    if (!b.isDirect()) {
      return;
    }
    synchronized (this) {
      if (idleCount < idle.length) {
        idle[idleCount++] = b;
        return;
      }
      direct--;
    }
    // Beyond maxIdle: dropped; its memory is freed when the buffer is collected.
  }

  /** Leases not yet released (for tests and metrics). */
  public int leased() {
    return leased.get();
  }

  /** Buffers waiting in the pool. */
  public synchronized int idle() {
    return idleCount;
  }

  /** Direct buffers in existence, idle or leased. */
  public synchronized int direct() {
    return direct;
  }
}
