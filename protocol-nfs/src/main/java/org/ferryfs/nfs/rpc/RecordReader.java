package org.ferryfs.nfs.rpc;

import java.nio.ByteBuffer;

/**
 * RFC 5531 §11 record marking on one connection's byte stream: the socket is read straight into
 * pooled buffers, and each complete record comes out as a view of the buffer it arrived in — no
 * copy for the usual single-fragment record, however many reads it took.
 *
 * <p>Design note. Each fragment starts with a 4-byte marker: the high bit says "last fragment", the
 * other 31 bits the fragment's length. A peer may claim up to 2 GiB per fragment and send endless
 * fragments, so each marker is checked before anything else happens: the record's fragments
 * together may hold at most {@code maxRecordSize} bytes and there may be at most {@code
 * maxFragments} of them; a violation closes the connection.
 *
 * <p>Reading starts in a small buffer; records follow each other in it, and one that does not fit
 * moves (what has arrived of it so far) into a fresh buffer: a small one while less than half a
 * small buffer of it has arrived, else a large one that holds any record. So a large buffer is only
 * taken for a peer that has sent at least half a small buffer of the record, never on a length
 * field alone, and a connection holds at most one partial record. The fragments of a multi-fragment
 * record are joined in place as they arrive (the data after each further marker moves back over
 * it), so each byte moves at most once.
 *
 * <p>Buffer layout: {@code [recordStart, recordEnd)} is the payload of the record being assembled,
 * {@code [scan, end)} received bytes not yet looked at, {@code [end, capacity)} free. A complete
 * record is handed out with a {@link Lease#retain() reference} of its own, so the buffer goes back
 * to the pool when the reader has moved on and every call on it has finished; a buffer with nothing
 * left in it is dropped at once, so an idle connection holds none.
 *
 * <p>Used by the connection's selector thread; {@link #close()} may come from any thread, so every
 * method is synchronized, and a read in progress holds a reference of its own ({@link #beginRead},
 * {@link #endRead}) so that a concurrent close cannot return the buffer the socket is writing to.
 */
final class RecordReader {

  /** What {@link #next()} found. */
  sealed interface Result {}

  /** More bytes are needed. */
  record NeedMore() implements Result {}

  /**
   * A complete record: its payload (position 0, limit its length) and a reference to the buffer it
   * lives in, to be released when the call on it has finished.
   */
  record Record(ByteBuffer payload, Lease lease) implements Result {}

  /** The peer broke the framing rules; the connection must be closed. */
  record Violation(String why) implements Result {}

  static final NeedMore NEED_MORE = new NeedMore();

  private final IoBuffers buffers;
  private final int maxRecordSize;
  private final int maxFragments;

  private Lease lease; // the buffer being read into, or null
  private ByteBuffer buf;
  private Lease reading; // the reference held by a read in progress
  private int recordStart;
  private int recordEnd;
  private int scan;
  private int end;
  private int fragmentLeft =
      -1; // bytes of the current fragment still to come; -1: a marker is next
  private boolean lastFragment;
  private int fragments; // of the record being assembled
  private long declared; // bytes its markers announced so far
  private boolean closed;

  /**
   * @param buffers where buffers come from; the large size must hold a record of {@code
   *     maxRecordSize} plus 8 bytes
   * @param maxRecordSize most bytes a record may hold, all fragments together
   * @param maxFragments most fragments a record may have
   */
  RecordReader(IoBuffers buffers, int maxRecordSize, int maxFragments) {
    if (maxRecordSize < 64 || maxFragments < 1) {
      throw new IllegalArgumentException(
          "need maxRecordSize >= 64 and maxFragments >= 1, got "
              + maxRecordSize
              + " / "
              + maxFragments);
    }
    if ((long) maxRecordSize + 8 > buffers.largeSize()) {
      throw new IllegalArgumentException(
          "large buffers of "
              + buffers.largeSize()
              + " bytes cannot hold records of "
              + maxRecordSize);
    }
    this.buffers = buffers;
    this.maxRecordSize = maxRecordSize;
    this.maxFragments = maxFragments;
  }

  /**
   * The buffer to read into next: position at the first free byte, limit at the end of the free
   * space (never empty). {@link #endRead} must follow, whatever happens. {@code null} once closed.
   */
  synchronized ByteBuffer beginRead() {
    if (closed) {
      return null;
    }
    if (reading != null) {
      throw new IllegalStateException("a read is in progress already");
    }
    if (lease != null && end == buf.capacity()) {
      relocate();
    }
    if (lease == null) {
      lease = buffers.small();
      buf = lease.buffer();
      recordStart = recordEnd = scan = end = 0;
    }
    reading = lease.retain();
    return buf.duplicate().position(end).limit(buf.capacity());
  }

  /** The read into {@link #beginRead()}'s buffer is over: {@code n} bytes arrived (n may be 0). */
  synchronized void endRead(int n) {
    Lease r = reading;
    reading = null;
    if (r == null) {
      throw new IllegalStateException("no read in progress");
    }
    try {
      if (!closed && n > 0) {
        if (n > buf.capacity() - end) {
          throw new IllegalStateException("read " + n + " bytes into " + (buf.capacity() - end));
        }
        end += n;
      }
    } finally {
      r.release();
    }
  }

  /** The next complete record, or why there is none. */
  synchronized Result next() {
    if (closed || lease == null) {
      return NEED_MORE;
    }
    while (true) {
      if (fragmentLeft < 0) {
        if (end - scan < 4) {
          dropIfEmpty();
          return NEED_MORE;
        }
        int marker = buf.getInt(scan);
        scan += 4;
        int size = marker & ~ServerCall.LAST_FRAGMENT;
        fragments++;
        declared += size;
        if (declared > maxRecordSize) {
          return violation(
              "record of at least "
                  + declared
                  + " bytes exceeds the limit of "
                  + maxRecordSize
                  + " (RFC 5531 §11 fragment length "
                  + size
                  + ")");
        }
        if (fragments > maxFragments) {
          return violation("record has more than " + maxFragments + " fragments");
        }
        fragmentLeft = size;
        lastFragment = (marker & ServerCall.LAST_FRAGMENT) != 0;
      }
      int take = Math.min(fragmentLeft, end - scan);
      if (take > 0) {
        if (recordEnd != scan) {
          // A later fragment: join it to the payload (the regions may overlap; put copies safely).
          buf.put(recordEnd, buf, scan, take);
        }
        recordEnd += take;
        scan += take;
        fragmentLeft -= take;
      }
      if (fragmentLeft > 0) {
        return NEED_MORE;
      }
      fragmentLeft = -1;
      if (lastFragment) {
        Record r = new Record(buf.slice(recordStart, recordEnd - recordStart), lease.retain());
        recordStart = recordEnd = scan;
        fragments = 0;
        declared = 0;
        lastFragment = false;
        return r;
      }
    }
  }

  /** Nothing more will be read: the connection is to be closed. */
  private Violation violation(String why) {
    close();
    return new Violation(why);
  }

  /** Drops the buffer when nothing in it is pending, so an idle connection holds no buffer. */
  private void dropIfEmpty() {
    if (scan == end && recordStart == recordEnd && fragments == 0 && reading == null) {
      lease.release();
      lease = null;
      buf = null;
    }
  }

  /** The buffer is full: move what is pending into a fresh one. */
  private void relocate() {
    int assembled = recordEnd - recordStart;
    int unread = end - scan;
    long need = (long) assembled + unread + Math.max(fragmentLeft, 0) + 4;
    Lease next;
    if (need <= buffers.smallSize() || assembled + unread < buffers.smallSize() / 2) {
      next = buffers.small();
    } else {
      next = buffers.large();
    }
    ByteBuffer nb = next.buffer();
    nb.put(0, buf, recordStart, assembled);
    nb.put(assembled, buf, scan, unread);
    lease.release();
    lease = next;
    buf = nb;
    recordStart = 0;
    recordEnd = assembled;
    scan = assembled;
    end = assembled + unread;
  }

  /** The connection has closed: drop the buffer (a read in progress keeps it until it ends). */
  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (lease != null) {
      lease.release();
      lease = null;
      buf = null;
    }
  }
}
