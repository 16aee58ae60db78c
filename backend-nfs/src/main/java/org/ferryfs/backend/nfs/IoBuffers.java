package org.ferryfs.backend.nfs;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * The memory of a backend's write-behind and read-ahead: at most {@code count} direct buffers of
 * {@code size} bytes each exist at once (a semaphore counts them). A buffer comes back with {@link
 * #give} after the call that used it was answered, and is reused; after a call that failed (a
 * timeout, a dropped connection) the transport may still hold it, so it is {@link #forfeit}ed: its
 * permit is returned but the buffer itself is left to the garbage collector.
 */
final class IoBuffers {
  private final int size;
  private final Semaphore permits;
  private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();

  IoBuffers(int size, int count) {
    if (size <= 0 || count <= 0) {
      throw new IllegalArgumentException("buffer size and count must be positive");
    }
    this.size = size;
    this.permits = new Semaphore(count);
  }

  int size() {
    return size;
  }

  /** A cleared buffer, or {@code null} if all are in use. */
  ByteBuffer tryTake() {
    return permits.tryAcquire() ? buffer() : null;
  }

  /** A cleared buffer; waits (uninterruptibly) until one is given back. */
  ByteBuffer take() {
    permits.acquireUninterruptibly();
    return buffer();
  }

  private ByteBuffer buffer() {
    ByteBuffer b = free.poll();
    return b == null ? ByteBuffer.allocateDirect(size) : b.clear();
  }

  void give(ByteBuffer b) {
    free.offer(b);
    permits.release();
  }

  void forfeit() {
    permits.release();
  }

  /** Buffers free to take now (for tests). */
  int available() {
    return permits.availablePermits();
  }
}
