package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.14 {@code RENAME3res}: resok and resfail both carry both directories' wcc_data.
 *
 * @param status nfsstat3
 * @param fromdirWcc the source directory (wcc_data)
 * @param todirWcc the target directory (wcc_data)
 */
public record RENAME3res(int status, WccData fromdirWcc, WccData todirWcc) implements Nfs3Res {

  public static RENAME3res decode(XdrDecodingStream in) throws IOException {
    return new RENAME3res(in.xdrDecodeInt(), WccData.decode(in), WccData.decode(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeInt(status);
    fromdirWcc.encode(out);
    todirWcc.encode(out);
  }

  @Override
  public int sizeHint() {
    return 4 + 2 * (PostOpAttr.SIZE + 28);
  }
}
