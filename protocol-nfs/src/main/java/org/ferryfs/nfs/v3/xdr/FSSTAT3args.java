package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.18 {@code FSSTAT3args}.
 *
 * @param fsroot the object (nfs_fh3, 4 + ≤ 64 bytes)
 */
public record FSSTAT3args(NfsFh3 fsroot) implements Nfs3Args {

  public static FSSTAT3args decode(XdrDecodingStream in) throws IOException {
    return new FSSTAT3args(NfsFh3.decode(in));
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
