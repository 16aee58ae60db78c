package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.XdrType;

/**
 * RFC 1813 §2.6 {@code wcc_attr}: the attributes weak cache consistency compares (24 bytes).
 *
 * @param size size (8)
 * @param mtime modification time (8)
 * @param ctime change time (8)
 */
public record WccAttr(long size, Nfstime3 mtime, Nfstime3 ctime) implements XdrType {

  public static WccAttr decode(XdrDecodingStream in) throws IOException {
    return new WccAttr(in.xdrDecodeLong(), Nfstime3.decode(in), Nfstime3.decode(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeLong(size);
    mtime.encode(out);
    ctime.encode(out);
  }
}
