package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.Xdrs;

/**
 * RFC 1813 §3.3.16 {@code READDIR3args}.
 *
 * @param dir the directory (nfs_fh3)
 * @param cookie where to resume, 0 for the start (cookie3, 8 bytes)
 * @param cookieverf the verifier of the listing that gave {@code cookie} (cookieverf3, 8 bytes,
 *     here as a big-endian long)
 * @param count most bytes of the whole READDIR3resok (count3, uint32)
 */
public record READDIR3args(NfsFh3 dir, long cookie, long cookieverf, long count)
    implements Nfs3Args {

  public static READDIR3args decode(XdrDecodingStream in) throws IOException {
    return new READDIR3args(
        NfsFh3.decode(in), in.xdrDecodeLong(), in.xdrDecodeLong(), Xdrs.uint32(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    dir.encode(out);
    out.xdrEncodeLong(cookie);
    out.xdrEncodeLong(cookieverf);
    out.xdrEncodeInt((int) count);
  }

  @Override
  public List<NfsFh3> handles() {
    return List.of(dir);
  }
}
