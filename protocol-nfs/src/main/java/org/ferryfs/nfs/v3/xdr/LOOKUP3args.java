package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.3 {@code LOOKUP3args}.
 *
 * @param what the directory and name (diropargs3)
 */
public record LOOKUP3args(Diropargs3 what) implements Nfs3Args {

  public static LOOKUP3args decode(XdrDecodingStream in) throws IOException {
    return new LOOKUP3args(Diropargs3.decode(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    what.encode(out);
  }

  @Override
  public List<NfsFh3> handles() {
    return List.of(what.dir());
  }
}
