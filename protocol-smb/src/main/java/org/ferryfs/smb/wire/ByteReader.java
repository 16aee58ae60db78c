package org.ferryfs.smb.wire;

import java.nio.charset.StandardCharsets;

/**
 * Little-endian reader over a byte array slice. Every read is bounds-checked and fails with a
 * {@link WireException}, never with an unchecked exception, so a hostile length cannot escape as a
 * crash. Offsets passed to {@link #slice} are relative to the reader's base (for SMB2 bodies: the
 * start of the SMB2 header, as MS-SMB2 defines buffer offsets).
 */
public final class ByteReader {
  private final byte[] data;
  private final int base;
  private final int limit;
  private int pos;

  /** Reads {@code data[base, limit)}; positions and offsets are relative to {@code base}. */
  public ByteReader(byte[] data, int base, int limit) {
    if (base < 0 || limit > data.length || base > limit) {
      throw new IllegalArgumentException("bad slice " + base + ".." + limit + " of " + data.length);
    }
    this.data = data;
    this.base = base;
    this.limit = limit;
  }

  public ByteReader(byte[] data) {
    this(data, 0, data.length);
  }

  /** Bytes from the base to the limit. */
  public int length() {
    return limit - base;
  }

  /** The position relative to the base. */
  public int position() {
    return pos;
  }

  public int remaining() {
    return limit - base - pos;
  }

  public void seek(int position) throws WireException {
    if (position < 0 || position > length()) {
      throw new WireException("position " + position + " outside a message of " + length());
    }
    pos = position;
  }

  public void skip(int n) throws WireException {
    need(n);
    pos += n;
  }

  private void need(int n) throws WireException {
    if (n < 0 || n > remaining()) {
      throw new WireException(
          "truncated: need " + n + " bytes at " + pos + ", message has " + length());
    }
  }

  public int u8() throws WireException {
    need(1);
    return data[base + pos++] & 0xff;
  }

  public int u16() throws WireException {
    need(2);
    int i = base + pos;
    pos += 2;
    return (data[i] & 0xff) | (data[i + 1] & 0xff) << 8;
  }

  /**
   * An unsigned 32-bit value as a signed int (callers compare with {@code
   * Integer.compareUnsigned}).
   */
  public int i32() throws WireException {
    need(4);
    int i = base + pos;
    pos += 4;
    return (data[i] & 0xff)
        | (data[i + 1] & 0xff) << 8
        | (data[i + 2] & 0xff) << 16
        | (data[i + 3] & 0xff) << 24;
  }

  /** An unsigned 32-bit value. */
  public long u32() throws WireException {
    return i32() & 0xffffffffL;
  }

  public long i64() throws WireException {
    long lo = u32();
    long hi = u32();
    return lo | hi << 32;
  }

  public byte[] bytes(int n) throws WireException {
    need(n);
    byte[] out = new byte[n];
    System.arraycopy(data, base + pos, out, 0, n);
    pos += n;
    return out;
  }

  /**
   * The {@code length} bytes at {@code offset} (relative to the base), checked to lie inside the
   * message. A zero length gives an empty array whatever the offset.
   */
  public byte[] slice(long offset, long length) throws WireException {
    if (length == 0) {
      return new byte[0];
    }
    if (offset < 0 || length < 0 || offset > length() || length > length() - offset) {
      throw new WireException(
          "buffer " + offset + "+" + length + " lies outside a message of " + length());
    }
    byte[] out = new byte[(int) length];
    System.arraycopy(data, base + (int) offset, out, 0, (int) length);
    return out;
  }

  /** Checks that {@code length} bytes at {@code offset} lie inside the message. */
  public void requireInside(long offset, long length) throws WireException {
    if (offset < 0 || length < 0 || offset > length() || length > length() - offset) {
      throw new WireException(
          "buffer " + offset + "+" + length + " lies outside a message of " + length());
    }
  }

  /** A sub-reader over {@code length} bytes at {@code offset} (relative to this base). */
  public ByteReader sub(long offset, long length) throws WireException {
    if (offset < 0 || length < 0 || offset > length() || length > length() - offset) {
      throw new WireException(
          "buffer " + offset + "+" + length + " lies outside a message of " + length());
    }
    return new ByteReader(data, base + (int) offset, base + (int) (offset + length));
  }

  /** UTF-16LE text of {@code length} bytes at {@code offset}; the length must be even. */
  public String utf16(long offset, long length) throws WireException {
    if ((length & 1) != 0) {
      throw new WireException("UTF-16 string of odd length " + length);
    }
    return new String(slice(offset, length), StandardCharsets.UTF_16LE);
  }
}
