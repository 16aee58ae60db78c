package org.ferryfs.smb.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Growable little-endian writer for replies (Ferry builds these; sizes are Ferry's own). */
public final class ByteWriter {
  private byte[] buf;
  private int pos;

  public ByteWriter(int initial) {
    buf = new byte[Math.max(16, initial)];
  }

  public ByteWriter() {
    this(256);
  }

  private void ensure(int n) {
    if (pos + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }
  }

  public int position() {
    return pos;
  }

  public ByteWriter u8(int v) {
    ensure(1);
    buf[pos++] = (byte) v;
    return this;
  }

  public ByteWriter u16(int v) {
    ensure(2);
    buf[pos++] = (byte) v;
    buf[pos++] = (byte) (v >>> 8);
    return this;
  }

  public ByteWriter i32(int v) {
    ensure(4);
    buf[pos++] = (byte) v;
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) (v >>> 16);
    buf[pos++] = (byte) (v >>> 24);
    return this;
  }

  public ByteWriter i64(long v) {
    i32((int) v);
    return i32((int) (v >>> 32));
  }

  public ByteWriter bytes(byte[] b) {
    return bytes(b, 0, b.length);
  }

  public ByteWriter bytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, pos, len);
    pos += len;
    return this;
  }

  public ByteWriter zeros(int n) {
    ensure(n);
    Arrays.fill(buf, pos, pos + n, (byte) 0);
    pos += n;
    return this;
  }

  /** Pads with zeros to a multiple of {@code alignment} (relative to the writer's start). */
  public ByteWriter align(int alignment) {
    int r = pos % alignment;
    return r == 0 ? this : zeros(alignment - r);
  }

  public ByteWriter utf16(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_16LE));
  }

  /** Overwrites a 16-bit value at an earlier position. */
  public void putU16(int at, int v) {
    buf[at] = (byte) v;
    buf[at + 1] = (byte) (v >>> 8);
  }

  /** Overwrites a 32-bit value at an earlier position. */
  public void putI32(int at, int v) {
    buf[at] = (byte) v;
    buf[at + 1] = (byte) (v >>> 8);
    buf[at + 2] = (byte) (v >>> 16);
    buf[at + 3] = (byte) (v >>> 24);
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }
}
