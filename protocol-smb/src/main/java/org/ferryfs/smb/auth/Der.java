package org.ferryfs.smb.auth;

import java.io.ByteArrayOutputStream;
import org.ferryfs.smb.wire.WireException;

/**
 * The slice of ASN.1 DER (ITU-T X.690) SPNEGO needs: tag-length-value elements with definite
 * lengths. Every length is checked against what is left before it is used.
 */
final class Der {
  private Der() {}

  /** One element: its tag and the bounds of its value in {@code data}. */
  record Tlv(int tag, byte[] data, int start, int end) {
    byte[] value() {
      byte[] out = new byte[end - start];
      System.arraycopy(data, start, out, 0, out.length);
      return out;
    }

    /** The whole element, tag and length included, as it appeared. */
    byte[] encoded(int elementStart) {
      byte[] out = new byte[end - elementStart];
      System.arraycopy(data, elementStart, out, 0, out.length);
      return out;
    }

    Reader children() {
      return new Reader(data, start, end);
    }
  }

  /** Reads consecutive elements from {@code data[pos, end)}. */
  static final class Reader {
    private final byte[] data;
    private int pos;
    private final int end;
    private int lastStart;

    Reader(byte[] data, int pos, int end) {
      this.data = data;
      this.pos = pos;
      this.end = end;
    }

    Reader(byte[] data) {
      this(data, 0, data.length);
    }

    boolean hasMore() {
      return pos < end;
    }

    /** Where the element last returned by {@link #next()} started. */
    int lastStart() {
      return lastStart;
    }

    Tlv next() throws WireException {
      lastStart = pos;
      if (end - pos < 2) {
        throw new WireException("DER element truncated");
      }
      int tag = data[pos++] & 0xff;
      if ((tag & 0x1f) == 0x1f) {
        throw new WireException("DER high tag numbers are not used by SPNEGO");
      }
      int len = data[pos++] & 0xff;
      if (len >= 0x80) {
        int n = len & 0x7f;
        if (n == 0 || n > 3 || end - pos < n) {
          throw new WireException("DER length of " + n + " bytes");
        }
        len = 0;
        for (int i = 0; i < n; i++) {
          len = len << 8 | (data[pos++] & 0xff);
        }
      }
      if (len > end - pos) {
        throw new WireException("DER length " + len + " exceeds the " + (end - pos) + " left");
      }
      Tlv t = new Tlv(tag, data, pos, pos + len);
      pos += len;
      return t;
    }

    Tlv expect(int tag) throws WireException {
      Tlv t = next();
      if (t.tag() != tag) {
        throw new WireException(
            String.format("DER tag 0x%02X where 0x%02X was expected", t.tag(), tag));
      }
      return t;
    }
  }

  static byte[] tlv(int tag, byte[]... parts) {
    int len = 0;
    for (byte[] p : parts) {
      len += p.length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(len + 6);
    out.write(tag);
    if (len < 0x80) {
      out.write(len);
    } else if (len < 0x100) {
      out.write(0x81);
      out.write(len);
    } else if (len < 0x10000) {
      out.write(0x82);
      out.write(len >> 8);
      out.write(len);
    } else {
      out.write(0x83);
      out.write(len >> 16);
      out.write(len >> 8);
      out.write(len);
    }
    for (byte[] p : parts) {
      out.write(p, 0, p.length);
    }
    return out.toByteArray();
  }
}
