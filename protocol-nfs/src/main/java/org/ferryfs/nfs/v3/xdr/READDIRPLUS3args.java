package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.Xdrs;

/**
 * RFC 1813 §3.3.17 {@code READDIRPLUS3args}.
 *
 * @param dir the directory (nfs_fh3)
 * @param cookie where to resume, 0 for the start (cookie3, 8 bytes)
 * @param cookieverf the listing's verifier (cookieverf3, 8 bytes, as a big-endian long)
 * @param dircount most bytes of directory information: fileid, name and cookie (count3)
 * @param maxcount most bytes of the whole READDIRPLUS3resok (count3)
 */
public record READDIRPLUS3args(
    NfsFh3 dir, long cookie, long cookieverf, long dircount, long maxcount) implements Nfs3Args {

  public static READDIRPLUS3args decode(XdrDecodingStream in) throws IOException {
    return new READDIRPLUS3args(
        NfsFh3.decode(in),
        in.xdrDecodeLong(),
        in.xdrDecodeLong(),
        Xdrs.uint32(in),
        Xdrs.uint32(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    dir.encode(out);
    out.xdrEncodeLong(cookie);
    out.xdrEncodeLong(cookieverf);
    out.xdrEncodeInt((int) dircount);
    out.xdrEncodeInt((int) maxcount);
  }

  @Override
  public List<NfsFh3> handles() {
    return List.of(dir);
  }
}
