package org.ferryfs.nfs.xdr;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * An XDR encoder (RFC 4506) that writes into buffers it asks an {@link Allocator} for (the server
 * gives it pooled direct buffers), and can append a buffer without copying it ({@link
 * #xdrEncodeShallow}), so that a READ reply goes to the socket as [header][file data] straight from
 * the buffer the file was read into.
 *
 * <p>The result is a list of segments ({@link #finish()}), each a {@link ByteBuffer} of its own
 * (position at its first byte, limit after its last), in wire order. When a buffer runs out the
 * current segment moves into a bigger one; the allocator's owner keeps every buffer it handed out
 * alive until the segments have been written.
 */
public final class XdrEncoder implements XdrEncodingStream {

  /** Supplies the buffers an encoder writes into. */
  @FunctionalInterface
  public interface Allocator {
    /**
     * A buffer with at least {@code capacity} bytes between its position and its limit; its
     * contents may be stale.
     */
    ByteBuffer allocate(int capacity);
  }

  private static final byte[] ZEROS = new byte[4];
  private static final byte[] ZEROS_NONE = new byte[0];

  private final Allocator allocator;
  private ByteBuffer buf;
  private int segmentStart;
  private List<ByteBuffer> segments; // completed segments, created on the first shallow append
  private int completedBytes;

  /**
   * @param allocator where buffers come from
   * @param sizeHint expected encoded size, to size the first buffer
   */
  public XdrEncoder(Allocator allocator, int sizeHint) {
    this.allocator = allocator;
    this.buf = allocator.allocate(Math.max(64, sizeHint));
    this.segmentStart = buf.position();
  }

  /** An encoder into growing heap buffers (tests, clients). */
  public static XdrEncoder onHeap(int sizeHint) {
    return new XdrEncoder(ByteBuffer::allocate, sizeHint);
  }

  /** Bytes encoded so far. */
  public int length() {
    return completedBytes + buf.position() - segmentStart;
  }

  private void ensure(int n) {
    if (buf.remaining() >= n) {
      return;
    }
    int used = buf.position() - segmentStart;
    long wanted = Math.max((long) used + n, 2L * Math.max(used, 64));
    ByteBuffer bigger = allocator.allocate((int) Math.min(wanted, Integer.MAX_VALUE - 8));
    if (bigger.remaining() < used + n) {
      throw new IllegalStateException(
          "allocator returned " + bigger.remaining() + " bytes for " + (used + n));
    }
    int start = bigger.position();
    bigger.put(start, buf, segmentStart, used);
    bigger.position(start + used);
    buf = bigger;
    segmentStart = start;
  }

  @Override
  public void beginEncoding() {
    // Nothing to do: an encoder is used once.
  }

  @Override
  public void endEncoding() {
    // Nothing to do: see finish().
  }

  @Override
  public void xdrEncodeInt(int value) {
    ensure(4);
    buf.putInt(value);
  }

  @Override
  public void xdrEncodeLong(long value) {
    ensure(8);
    buf.putLong(value);
  }

  @Override
  public void xdrEncodeBoolean(boolean value) {
    xdrEncodeInt(value ? 1 : 0);
  }

  @Override
  public void xdrEncodeFloat(float value) {
    xdrEncodeInt(Float.floatToIntBits(value));
  }

  @Override
  public void xdrEncodeDouble(double value) {
    xdrEncodeLong(Double.doubleToLongBits(value));
  }

  @Override
  public void xdrEncodeByte(byte value) {
    xdrEncodeInt(value);
  }

  @Override
  public void xdrEncodeShort(short value) {
    xdrEncodeInt(value);
  }

  /** Fixed-length opaque (RFC 4506 §4.9): the bytes and their padding. */
  @Override
  public void xdrEncodeOpaque(byte[] bytes, int offset, int len) {
    int pad = Xdrs.pad(len);
    ensure(len + pad);
    buf.put(bytes, offset, len);
    buf.put(ZEROS, 0, pad);
  }

  @Override
  public void xdrEncodeOpaque(byte[] bytes, int len) {
    xdrEncodeOpaque(bytes, 0, len);
  }

  /** Variable-length opaque (RFC 4506 §4.10). */
  @Override
  public void xdrEncodeDynamicOpaque(byte[] bytes) {
    xdrEncodeInt(bytes.length);
    xdrEncodeOpaque(bytes, 0, bytes.length);
  }

  @Override
  public void xdrEncodeString(String s) {
    // As oncrpc4j's Xdr does: null is the empty string.
    xdrEncodeDynamicOpaque(s == null ? ZEROS_NONE : s.getBytes(StandardCharsets.UTF_8));
  }

  /** Variable-length opaque of {@code data}'s remaining bytes, copied; consumes {@code data}. */
  @Override
  public void xdrEncodeByteBuffer(ByteBuffer data) {
    int len = data.remaining();
    int pad = Xdrs.pad(len);
    xdrEncodeInt(len);
    ensure(len + pad);
    buf.put(data);
    buf.put(ZEROS, 0, pad);
  }

  /**
   * Variable-length opaque of {@code data}'s remaining bytes, not copied: the buffer itself becomes
   * a segment of the result, so it must stay unchanged until the result has been written. Does not
   * move {@code data}'s position.
   */
  public void xdrEncodeShallow(ByteBuffer data) {
    int len = data.remaining();
    xdrEncodeInt(len);
    if (len == 0) {
      return;
    }
    closeSegment();
    segments.add(data.slice());
    completedBytes += len;
    int pad = Xdrs.pad(len);
    if (pad > 0) {
      ensure(pad);
      buf.put(ZEROS, 0, pad);
    }
  }

  private void closeSegment() {
    if (segments == null) {
      segments = new ArrayList<>(4);
    }
    int used = buf.position() - segmentStart;
    if (used > 0) {
      segments.add(buf.slice(segmentStart, used));
      completedBytes += used;
    }
    segmentStart = buf.position();
  }

  /**
   * The encoded bytes as segments in wire order; the encoder must not be used afterwards. Each
   * segment is an independent view (its own position and limit).
   */
  public List<ByteBuffer> finish() {
    if (segments == null) {
      return List.of(buf.slice(segmentStart, buf.position() - segmentStart));
    }
    closeSegment();
    return segments;
  }

  /** The encoded bytes, copied into one array (tests, clients). */
  public byte[] toByteArray() {
    List<ByteBuffer> parts = finish();
    int n = 0;
    for (ByteBuffer p : parts) {
      n += p.remaining();
    }
    byte[] out = new byte[n];
    int at = 0;
    for (ByteBuffer p : parts) {
      int len = p.remaining();
      p.get(p.position(), out, at, len);
      at += len;
    }
    return out;
  }

  // --------------------------------------------------------------- vectors (RFC 4506 §4.12-§4.13)

  @Override
  public void xdrEncodeIntVector(int[] values) {
    xdrEncodeInt(values.length);
    xdrEncodeIntFixedVector(values, values.length);
  }

  @Override
  public void xdrEncodeIntFixedVector(int[] values, int length) {
    requireLength(values.length, length);
    ensure(4 * length);
    for (int i = 0; i < length; i++) {
      buf.putInt(values[i]);
    }
  }

  @Override
  public void xdrEncodeLongVector(long[] values) {
    xdrEncodeInt(values.length);
    xdrEncodeLongFixedVector(values, values.length);
  }

  @Override
  public void xdrEncodeLongFixedVector(long[] values, int length) {
    requireLength(values.length, length);
    ensure(8 * length);
    for (int i = 0; i < length; i++) {
      buf.putLong(values[i]);
    }
  }

  @Override
  public void xdrEncodeFloatVector(float[] values) {
    xdrEncodeInt(values.length);
    xdrEncodeFloatFixedVector(values, values.length);
  }

  @Override
  public void xdrEncodeFloatFixedVector(float[] values, int length) {
    requireLength(values.length, length);
    for (int i = 0; i < length; i++) {
      xdrEncodeFloat(values[i]);
    }
  }

  @Override
  public void xdrEncodeDoubleVector(double[] values) {
    xdrEncodeInt(values.length);
    xdrEncodeDoubleFixedVector(values, values.length);
  }

  @Override
  public void xdrEncodeDoubleFixedVector(double[] values, int length) {
    requireLength(values.length, length);
    for (int i = 0; i < length; i++) {
      xdrEncodeDouble(values[i]);
    }
  }

  /** oncrpc4j's byte vector: each byte in an XDR int of its own. */
  @Override
  public void xdrEncodeByteVector(byte[] values) {
    xdrEncodeInt(values.length);
    xdrEncodeByteFixedVector(values, values.length);
  }

  @Override
  public void xdrEncodeByteFixedVector(byte[] values, int length) {
    requireLength(values.length, length);
    for (int i = 0; i < length; i++) {
      xdrEncodeInt(values[i]);
    }
  }

  @Override
  public void xdrEncodeShortVector(short[] values) {
    xdrEncodeInt(values.length);
    xdrEncodeShortFixedVector(values, values.length);
  }

  @Override
  public void xdrEncodeShortFixedVector(short[] values, int length) {
    requireLength(values.length, length);
    for (int i = 0; i < length; i++) {
      xdrEncodeInt(values[i]);
    }
  }

  private static void requireLength(int actual, int declared) {
    if (actual != declared) {
      throw new IllegalArgumentException(
          "vector has " + actual + " elements but " + declared + " are to be encoded");
    }
  }
}
