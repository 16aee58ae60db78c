package org.ferryfs.nfs.xdr;

import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** RFC 4506 §4.16 {@code void}: the arguments or result of a procedure that has none. */
public record Empty() implements XdrType {

  /** The one value. */
  public static final Empty INSTANCE = new Empty();

  public static Empty decode(XdrDecodingStream in) {
    return INSTANCE;
  }

  @Override
  public void encode(XdrEncodingStream out) {}

  @Override
  public int sizeHint() {
    return 0;
  }
}
