package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.9 {@code MKDIR3args}.
 *
 * @param where directory and new name (diropargs3)
 * @param attributes initial attributes (sattr3)
 */
public record MKDIR3args(Diropargs3 where, Sattr3 attributes) implements Nfs3Args {

  public static MKDIR3args decode(XdrDecodingStream in) throws IOException {
    return new MKDIR3args(Diropargs3.decode(in), Sattr3.decode(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    where.encode(out);
    attributes.encode(out);
  }

  @Override
  public List<NfsFh3> handles() {
    return List.of(where.dir());
  }
}
