package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.21 {@code COMMIT3res}.
 *
 * @param status nfsstat3
 * @param fileWcc resok and resfail: the file's attributes before and after (wcc_data)
 * @param verf resok: the write verifier (writeverf3, as a big-endian long)
 */
public record COMMIT3res(int status, WccData fileWcc, long verf) implements Nfs3Res {

  public static COMMIT3res fail(int status, WccData fileWcc) {
    return new COMMIT3res(status, fileWcc, 0);
  }

  public static COMMIT3res decode(XdrDecodingStream in) throws IOException {
    int status = in.xdrDecodeInt();
    WccData wcc = WccData.decode(in);
    return status == Nfsstat3.NFS3_OK
        ? new COMMIT3res(status, wcc, in.xdrDecodeLong())
        : fail(status, wcc);
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeInt(status);
    fileWcc.encode(out);
    if (status == Nfsstat3.NFS3_OK) {
      out.xdrEncodeLong(verf);
    }
  }
}
