package org.ferryfs.nfs.v3.xdr;

import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/** RFC 1813 §3.3.0 NFSPROC3_NULL result: {@code void}; always "OK". */
public record NULL3res() implements Nfs3Res {

  public static final NULL3res INSTANCE = new NULL3res();

  public static NULL3res decode(XdrDecodingStream in) {
    return INSTANCE;
  }

  @Override
  public int status() {
    return Nfsstat3.NFS3_OK;
  }

  @Override
  public void encode(XdrEncodingStream out) {}

  @Override
  public int sizeHint() {
    return 0;
  }
}
