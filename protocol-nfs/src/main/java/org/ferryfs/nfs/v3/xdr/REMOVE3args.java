package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.12 {@code REMOVE3args}.
 *
 * @param object the directory and name (diropargs3)
 */
public record REMOVE3args(Diropargs3 object) implements Nfs3Args {

  public static REMOVE3args decode(XdrDecodingStream in) throws IOException {
    return new REMOVE3args(Diropargs3.decode(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    object.encode(out);
  }

  @Override
  public List<NfsFh3> handles() {
    return List.of(object.dir());
  }
}
