package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.Xdrs;

/**
 * RFC 1813 §3.3.21 {@code COMMIT3args}.
 *
 * @param file the file (nfs_fh3)
 * @param offset start of the range (offset3)
 * @param count length of the range, 0 meaning to the end of the file (count3, uint32)
 */
public record COMMIT3args(NfsFh3 file, long offset, long count) implements Nfs3Args {

  public static COMMIT3args decode(XdrDecodingStream in) throws IOException {
    return new COMMIT3args(NfsFh3.decode(in), in.xdrDecodeLong(), Xdrs.uint32(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    file.encode(out);
    out.xdrEncodeLong(offset);
    out.xdrEncodeInt((int) count);
  }

  @Override
  public List<NfsFh3> handles() {
    return List.of(file);
  }
}
