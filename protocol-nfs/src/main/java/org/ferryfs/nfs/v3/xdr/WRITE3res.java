package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.7 {@code WRITE3res}.
 *
 * @param status nfsstat3
 * @param fileWcc resok and resfail: the file's attributes before and after (wcc_data)
 * @param count resok: bytes written (count3)
 * @param committed resok: how durable the data is (stable_how); {@code null} when failed
 * @param verf resok: the write verifier (writeverf3, 8 bytes, as a big-endian long)
 */
public record WRITE3res(int status, WccData fileWcc, int count, StableHow committed, long verf)
    implements Nfs3Res {

  public static WRITE3res fail(int status, WccData fileWcc) {
    return new WRITE3res(status, fileWcc, 0, null, 0);
  }

  public static WRITE3res decode(XdrDecodingStream in) throws IOException {
    int status = in.xdrDecodeInt();
    WccData wcc = WccData.decode(in);
    if (status != Nfsstat3.NFS3_OK) {
      return fail(status, wcc);
    }
    return new WRITE3res(status, wcc, in.xdrDecodeInt(), StableHow.decode(in), in.xdrDecodeLong());
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeInt(status);
    fileWcc.encode(out);
    if (status == Nfsstat3.NFS3_OK) {
      out.xdrEncodeInt(count);
      committed.encode(out);
      out.xdrEncodeLong(verf);
    }
  }
}
