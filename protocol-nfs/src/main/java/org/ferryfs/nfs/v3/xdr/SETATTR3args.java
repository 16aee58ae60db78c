package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.2 {@code SETATTR3args}.
 *
 * @param object the object (nfs_fh3)
 * @param newAttributes what to change (sattr3)
 * @param guard the ctime check (sattrguard3)
 */
public record SETATTR3args(NfsFh3 object, Sattr3 newAttributes, Sattrguard3 guard)
    implements Nfs3Args {

  public static SETATTR3args decode(XdrDecodingStream in) throws IOException {
    return new SETATTR3args(NfsFh3.decode(in), Sattr3.decode(in), Sattrguard3.decode(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    object.encode(out);
    newAttributes.encode(out);
    guard.encode(out);
  }

  @Override
  public List<NfsFh3> handles() {
    return List.of(object);
  }
}
