package org.ferryfs.nfs.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** Adapters between our immutable {@link XdrType}s and oncrpc4j's mutable {@link XdrAble}. */
public final class XdrAbles {

  private XdrAbles() {}

  /** An {@link XdrAble} that encodes {@code value}; it cannot decode. */
  public static Encoding encoding(XdrType value) {
    return new Encoding(value);
  }

  /** An {@link XdrAble} that decodes one value with {@code decoder}; it cannot encode. */
  public static <T> Decoding<T> decoding(XdrDecoder<T> decoder) {
    return new Decoding<>(decoder);
  }

  /** Encode-only adapter. */
  public static final class Encoding implements XdrAble {
    private final XdrType value;

    Encoding(XdrType value) {
      this.value = value;
    }

    public XdrType value() {
      return value;
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
      value.encode(xdr);
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) {
      throw new UnsupportedOperationException("encode-only adapter for " + value.getClass());
    }
  }

  /**
   * Decode-only adapter.
   *
   * @param <T> the decoded type
   */
  public static final class Decoding<T> implements XdrAble {
    private final XdrDecoder<T> decoder;
    private T value;

    Decoding(XdrDecoder<T> decoder) {
      this.decoder = decoder;
    }

    /** The decoded value, or {@code null} before decoding. */
    public T value() {
      return value;
    }

    @Override
    public void xdrDecode(XdrDecodingStream xdr) throws IOException {
      value = decoder.decode(xdr);
    }

    @Override
    public void xdrEncode(XdrEncodingStream xdr) {
      throw new UnsupportedOperationException("decode-only adapter");
    }
  }
}
