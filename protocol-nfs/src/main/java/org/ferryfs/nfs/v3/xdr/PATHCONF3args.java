package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.20 {@code PATHCONF3args}.
 *
 * @param object the object (nfs_fh3, 4 + ≤ 64 bytes)
 */
public record PATHCONF3args(NfsFh3 object) implements Nfs3Args {

  public static PATHCONF3args decode(XdrDecodingStream in) throws IOException {
    return new PATHCONF3args(NfsFh3.decode(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    object.encode(out);
  }

  @Override
  public List<NfsFh3> handles() {
    return List.of(object);
  }
}
