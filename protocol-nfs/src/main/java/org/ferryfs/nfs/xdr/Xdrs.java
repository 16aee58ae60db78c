package org.ferryfs.nfs.xdr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.glassfish.grizzly.Buffer;

/**
 * Bounded XDR primitives (RFC 4506) on top of oncrpc4j's streams.
 *
 * <p>oncrpc4j's own variable-length decoders allocate whatever a length field claims before they
 * look at how many bytes are left; the methods here check every length against the caller's limit
 * first, so at most {@code max} bytes are ever allocated for a field.
 */
public final class Xdrs {

  private static final byte[] EMPTY = new byte[0];

  private Xdrs() {}

  /** Number of pad bytes after {@code len} bytes of opaque data (RFC 4506 §4.9–§4.10). */
  public static int pad(int len) {
    return (4 - (len & 3)) & 3;
  }

  /** Encoded size of a variable-length opaque or string of {@code len} bytes. */
  public static int opaqueSize(int len) {
    return 4 + len + pad(len);
  }

  /** RFC 4506 §4.4: a bool is the enum {FALSE = 0, TRUE = 1}; anything else is malformed. */
  public static boolean bool(XdrDecodingStream in) throws IOException {
    int v = in.xdrDecodeInt();
    if (v == 0) {
      return false;
    }
    if (v == 1) {
      return true;
    }
    throw new XdrException("bool must be 0 or 1 (RFC 4506 §4.4), got " + v);
  }

  /** An unsigned 32-bit integer as a non-negative long. */
  public static long uint32(XdrDecodingStream in) throws IOException {
    return in.xdrDecodeInt() & 0xFFFF_FFFFL;
  }

  /** The length word of a variable-length item, checked against {@code max} (RFC 4506 §4.10). */
  public static int length(XdrDecodingStream in, int max, String what) throws IOException {
    int len = in.xdrDecodeInt();
    if (len < 0 || len > max) {
      throw new XdrException(
          what + " length " + Integer.toUnsignedString(len) + " exceeds its limit of " + max);
    }
    return len;
  }

  /** A variable-length opaque of at most {@code max} bytes (RFC 4506 §4.10). */
  public static byte[] opaque(XdrDecodingStream in, int max, String what) throws IOException {
    int len = length(in, max, what);
    return fixedOpaque(in, len);
  }

  /** A fixed-length opaque of {@code len} bytes (RFC 4506 §4.9); {@code len} must be trusted. */
  public static byte[] fixedOpaque(XdrDecodingStream in, int len) throws IOException {
    if (len == 0) {
      return EMPTY;
    }
    int left = remaining(in);
    if (left >= 0 && left < len) {
      throw new XdrException("opaque of " + len + " bytes but only " + left + " remain");
    }
    byte[] b = new byte[len];
    in.xdrDecodeOpaque(b, 0, len);
    return b;
  }

  /**
   * A fixed-length opaque of {@code dst.remaining()} bytes (RFC 4506 §4.9) copied into {@code dst}
   * (which is filled; its position moves to its limit); from an oncrpc4j {@link Xdr} without an
   * intermediate array.
   */
  public static void fixedOpaqueInto(XdrDecodingStream in, ByteBuffer dst) throws IOException {
    int len = dst.remaining();
    if (in instanceof Xdr xdr) {
      Buffer b = xdr.asBuffer();
      int pos = b.position();
      int needed = len + pad(len);
      if (b.remaining() < needed) {
        throw new XdrException("opaque of " + len + " bytes but only " + b.remaining() + " remain");
      }
      b.get(dst);
      b.position(pos + needed);
      return;
    }
    dst.put(fixedOpaque(in, len));
  }

  /**
   * A variable-length opaque of at most {@code max} bytes as a buffer. From an oncrpc4j {@link Xdr}
   * the result is a view of the message buffer (no copy); the caller must not keep it beyond the
   * request.
   */
  public static ByteBuffer opaqueView(XdrDecodingStream in, int max, String what)
      throws IOException {
    int len = length(in, max, what);
    if (in instanceof Xdr xdr) {
      Buffer b = xdr.asBuffer();
      int pos = b.position();
      int needed = len + pad(len);
      if (b.remaining() < needed) {
        throw new XdrException(
            what + " claims " + len + " bytes but only " + b.remaining() + " remain");
      }
      // toByteBuffer may hand out a shared view: slice it at once into an independent one.
      ByteBuffer view = b.toByteBuffer(pos, pos + len).slice();
      b.position(pos + needed);
      return view;
    }
    return ByteBuffer.wrap(fixedOpaque(in, len));
  }

  /** Skips a variable-length opaque of at most {@code max} bytes without keeping it. */
  public static void skipOpaque(XdrDecodingStream in, int max, String what) throws IOException {
    int len = length(in, max, what);
    if (in instanceof Xdr xdr) {
      Buffer b = xdr.asBuffer();
      int needed = len + pad(len);
      if (b.remaining() < needed) {
        throw new XdrException(
            what + " claims " + len + " bytes but only " + b.remaining() + " remain");
      }
      b.position(b.position() + needed);
    } else {
      fixedOpaque(in, len);
    }
  }

  /** Bytes left to decode in {@code in}, or -1 if the stream cannot tell. */
  public static int remaining(XdrDecodingStream in) {
    return in instanceof Xdr xdr ? xdr.asBuffer().remaining() : -1;
  }

  /**
   * Decodes UTF-8 strictly: malformed input is refused rather than silently replaced, so that two
   * different byte strings never become the same name.
   */
  public static String utf8(byte[] bytes) throws CharacterCodingException {
    boolean ascii = true;
    for (byte b : bytes) {
      if (b < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(bytes, StandardCharsets.US_ASCII);
    }
    CharBuffer chars =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes));
    return chars.toString();
  }

  /** A string of at most {@code max} UTF-8 bytes; malformed UTF-8 is an XDR error. */
  public static String string(XdrDecodingStream in, int max, String what) throws IOException {
    byte[] b = opaque(in, max, what);
    try {
      return utf8(b);
    } catch (CharacterCodingException e) {
      throw new XdrException(what + " is not valid UTF-8");
    }
  }

  /** Encodes a string as UTF-8 (RFC 4506 §4.11). */
  public static void string(XdrEncodingStream out, String s) {
    out.xdrEncodeDynamicOpaque(s.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * An XDR optional-data list ({@code *next} chains, RFC 4506 §4.19) of at most {@code max}
   * elements.
   */
  public static <T> List<T> list(XdrDecodingStream in, XdrDecoder<T> element, int max, String what)
      throws IOException {
    List<T> out = new ArrayList<>();
    while (bool(in)) {
      if (out.size() == max) {
        throw new XdrException(what + " has more than " + max + " elements");
      }
      out.add(element.decode(in));
    }
    return out;
  }

  /** Encodes an XDR optional-data list. */
  public static void list(XdrEncodingStream out, List<? extends XdrType> items) {
    for (XdrType t : items) {
      out.xdrEncodeBoolean(true);
      t.encode(out);
    }
    out.xdrEncodeBoolean(false);
  }
}
