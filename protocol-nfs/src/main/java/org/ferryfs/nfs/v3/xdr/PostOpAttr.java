package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.XdrType;
import org.ferryfs.nfs.xdr.Xdrs;

/**
 * RFC 1813 §2.6 {@code post_op_attr}: attributes that may be absent (4 + 84 bytes).
 *
 * @param attributes the attributes, or {@code null} when absent
 */
public record PostOpAttr(Fattr3 attributes) implements XdrType {

  public static final PostOpAttr ABSENT = new PostOpAttr(null);

  /** Encoded size with attributes. */
  public static final int SIZE = 4 + Fattr3.SIZE;

  public boolean present() {
    return attributes != null;
  }

  public static PostOpAttr decode(XdrDecodingStream in) throws IOException {
    return Xdrs.bool(in) ? new PostOpAttr(Fattr3.decode(in)) : ABSENT;
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeBoolean(attributes != null);
    if (attributes != null) {
      attributes.encode(out);
    }
  }
}
