package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.XdrType;
import org.ferryfs.nfs.xdr.Xdrs;

/**
 * RFC 1813 §2.6 {@code post_op_fh3}: a handle that may be absent.
 *
 * @param handle the handle, or {@code null} when absent
 */
public record PostOpFh3(NfsFh3 handle) implements XdrType {

  public static final PostOpFh3 ABSENT = new PostOpFh3(null);

  public static PostOpFh3 decode(XdrDecodingStream in) throws IOException {
    return Xdrs.bool(in) ? new PostOpFh3(NfsFh3.decode(in)) : ABSENT;
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeBoolean(handle != null);
    if (handle != null) {
      handle.encode(out);
    }
  }
}
