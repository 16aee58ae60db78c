package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.XdrType;
import org.ferryfs.nfs.xdr.Xdrs;

/**
 * RFC 1813 §3.3.2 {@code sattrguard3}: SETATTR applies only if the object's ctime is this one.
 *
 * @param objCtime the expected ctime, or {@code null} for no check
 */
public record Sattrguard3(Nfstime3 objCtime) implements XdrType {

  public static final Sattrguard3 NONE = new Sattrguard3(null);

  public static Sattrguard3 decode(XdrDecodingStream in) throws IOException {
    return Xdrs.bool(in) ? new Sattrguard3(Nfstime3.decode(in)) : NONE;
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeBoolean(objCtime != null);
    if (objCtime != null) {
      objCtime.encode(out);
    }
  }
}
