package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.8 {@code CREATE3args}.
 *
 * @param where directory and new name (diropargs3)
 * @param how the create mode and its attributes or verifier (createhow3)
 */
public record CREATE3args(Diropargs3 where, Createhow3 how) implements Nfs3Args {

  public static CREATE3args decode(XdrDecodingStream in) throws IOException {
    return new CREATE3args(Diropargs3.decode(in), Createhow3.decode(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    where.encode(out);
    how.encode(out);
  }

  @Override
  public List<NfsFh3> handles() {
    return List.of(where.dir());
  }
}
