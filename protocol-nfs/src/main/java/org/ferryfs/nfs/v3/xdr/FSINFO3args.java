package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.19 {@code FSINFO3args}.
 *
 * @param fsroot the object (nfs_fh3, 4 + ≤ 64 bytes)
 */
public record FSINFO3args(NfsFh3 fsroot) implements Nfs3Args {

  public static FSINFO3args decode(XdrDecodingStream in) throws IOException {
    return new FSINFO3args(NfsFh3.decode(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    fsroot.encode(out);
  }

  @Override
  public List<NfsFh3> handles() {
    return List.of(fsroot);
  }
}
