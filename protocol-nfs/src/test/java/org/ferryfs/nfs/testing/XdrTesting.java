package org.ferryfs.nfs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.ferryfs.nfs.xdr.XdrDecoder;
import org.ferryfs.nfs.xdr.XdrEncoder;
import org.ferryfs.nfs.xdr.XdrType;

/** Encode/decode helpers for XDR tests. */
public final class XdrTesting {

  private XdrTesting() {}

  /**
   * The XDR bytes of {@code value}, encoded by oncrpc4j's {@link Xdr} and by our {@link XdrEncoder}
   * (the server's), which must agree.
   */
  public static byte[] encode(XdrType value) {
    Xdr out = new Xdr(16);
    out.beginEncoding();
    value.encode(out);
    out.endEncoding();
    byte[] bytes = out.getBytes();
    // Tiny buffers, so that every value crosses buffer boundaries.
    XdrEncoder ours = new XdrEncoder(n -> ByteBuffer.allocateDirect(n), 1);
    value.encode(ours);
    assertThat(ours.length()).as("XdrEncoder length of %s", value).isEqualTo(bytes.length);
    assertThat(ours.toByteArray()).as("XdrEncoder bytes of %s", value).isEqualTo(bytes);
    return bytes;
  }

  /** Decodes {@code bytes} with {@code decoder}, asserting every byte was consumed. */
  public static <T> T decode(byte[] bytes, XdrDecoder<T> decoder) throws IOException {
    Xdr in = new Xdr(bytes);
    in.beginDecoding();
    T value = decoder.decode(in);
    assertThat(in.hasMoreData()).as("bytes left after decoding").isFalse();
    return value;
  }

  /**
   * Encodes, decodes and checks the value came back equal, that the encoding is 4-byte aligned, and
   * that re-encoding gives the same bytes.
   */
  public static <T extends XdrType> T roundTrip(T value, XdrDecoder<? extends XdrType> decoder)
      throws IOException {
    byte[] bytes = encode(value);
    assertThat(bytes.length % 4).as("XDR is 4-byte aligned").isZero();
    XdrType back = decode(bytes, decoder);
    assertThat(back).isEqualTo(value);
    assertThat(encode(back)).isEqualTo(bytes);
    @SuppressWarnings("unchecked")
    T typed = (T) back;
    return typed;
  }
}
