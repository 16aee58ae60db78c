package org.ferryfs.nfs.xdr;

import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * A value that knows its own XDR encoding (RFC 4506). Decoding is a static {@code decode} factory
 * on each type (see {@link XdrDecoder}), so values can be immutable records.
 */
public interface XdrType {

  /** Appends this value's XDR encoding to {@code out}. */
  void encode(XdrEncodingStream out);

  /**
   * A guess of the encoded size in bytes, used to size reply buffers so that large replies are not
   * grown by repeated copies. Need not be exact.
   */
  default int sizeHint() {
    return 256;
  }
}
