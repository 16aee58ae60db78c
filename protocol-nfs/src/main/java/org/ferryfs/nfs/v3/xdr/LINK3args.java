package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.15 {@code LINK3args}.
 *
 * @param file the existing file (nfs_fh3)
 * @param link the directory and new name (diropargs3)
 */
public record LINK3args(NfsFh3 file, Diropargs3 link) implements Nfs3Args {

  public static LINK3args decode(XdrDecodingStream in) throws IOException {
    return new LINK3args(NfsFh3.decode(in), Diropargs3.decode(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    file.encode(out);
    link.encode(out);
  }

  @Override
  public List<NfsFh3> handles() {
    return List.of(file, link.dir());
  }
}
