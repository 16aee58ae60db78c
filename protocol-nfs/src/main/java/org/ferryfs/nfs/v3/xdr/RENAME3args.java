package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.14 {@code RENAME3args}.
 *
 * @param from the source directory and name (diropargs3)
 * @param to the target directory and name (diropargs3)
 */
public record RENAME3args(Diropargs3 from, Diropargs3 to) implements Nfs3Args {

  public static RENAME3args decode(XdrDecodingStream in) throws IOException {
    return new RENAME3args(Diropargs3.decode(in), Diropargs3.decode(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    from.encode(out);
    to.encode(out);
  }

  @Override
  public List<NfsFh3> handles() {
    return List.of(from.dir(), to.dir());
  }
}
