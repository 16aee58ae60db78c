package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.10 {@code SYMLINK3args} (with its {@code symlinkdata3} inlined).
 *
 * @param where directory and new name (diropargs3)
 * @param attributes initial attributes (sattr3)
 * @param data the link's target (nfspath3, ≤ {@link Nfs3Limits#PATH_MAX} bytes)
 */
public record SYMLINK3args(Diropargs3 where, Sattr3 attributes, String data) implements Nfs3Args {

  public static SYMLINK3args decode(XdrDecodingStream in) throws IOException {
    return new SYMLINK3args(Diropargs3.decode(in), Sattr3.decode(in), Nfspath3.decode(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    where.encode(out);
    attributes.encode(out);
    Nfspath3.encode(out, data);
  }

  @Override
  public List<NfsFh3> handles() {
    return List.of(where.dir());
  }
}
