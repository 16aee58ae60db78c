package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.4 {@code ACCESS3args}.
 *
 * @param object the object (nfs_fh3)
 * @param access the ACCESS3_* bits asked about (uint32)
 */
public record ACCESS3args(NfsFh3 object, int access) implements Nfs3Args {

  public static ACCESS3args decode(XdrDecodingStream in) throws IOException {
    return new ACCESS3args(NfsFh3.decode(in), in.xdrDecodeInt());
  }

  @Override
  public void encode(XdrEncodingStream out) {
    object.encode(out);
    out.xdrEncodeInt(access);
  }

  @Override
  public List<NfsFh3> handles() {
    return List.of(object);
  }
}
