package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.5 {@code READLINK3args}.
 *
 * @param symlink the object (nfs_fh3, 4 + ≤ 64 bytes)
 */
public record READLINK3args(NfsFh3 symlink) implements Nfs3Args {

  public static READLINK3args decode(XdrDecodingStream in) throws IOException {
    return new READLINK3args(NfsFh3.decode(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    symlink.encode(out);
  }

  @Override
  public List<NfsFh3> handles() {
    return List.of(symlink);
  }
}
