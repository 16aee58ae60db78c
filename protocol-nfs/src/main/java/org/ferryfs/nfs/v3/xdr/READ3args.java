package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.Xdrs;

/**
 * RFC 1813 §3.3.6 {@code READ3args}.
 *
 * @param file the file (nfs_fh3)
 * @param offset where to read (offset3, uint64 as raw bits: negative means ≥ 2^63)
 * @param count how many bytes (count3, uint32; clamped to rtmax by the server)
 */
public record READ3args(NfsFh3 file, long offset, long count) implements Nfs3Args {

  public static READ3args decode(XdrDecodingStream in) throws IOException {
    return new READ3args(NfsFh3.decode(in), in.xdrDecodeLong(), Xdrs.uint32(in));
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
