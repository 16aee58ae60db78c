package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.XdrType;
import org.ferryfs.nfs.xdr.Xdrs;

/**
 * RFC 1813 §2.6 {@code pre_op_attr}: attributes before an operation, which may be absent.
 *
 * @param attributes the attributes, or {@code null} when absent
 */
public record PreOpAttr(WccAttr attributes) implements XdrType {

  public static final PreOpAttr ABSENT = new PreOpAttr(null);

  public static PreOpAttr decode(XdrDecodingStream in) throws IOException {
    return Xdrs.bool(in) ? new PreOpAttr(WccAttr.decode(in)) : ABSENT;
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeBoolean(attributes != null);
    if (attributes != null) {
      attributes.encode(out);
    }
  }
}
