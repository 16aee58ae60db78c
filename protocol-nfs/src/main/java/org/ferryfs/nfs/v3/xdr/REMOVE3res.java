package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.12 {@code REMOVE3res}: resok and resfail both carry {@code dir_wcc}.
 *
 * @param status nfsstat3
 * @param dirWcc the directory's attributes before and after (wcc_data)
 */
public record REMOVE3res(int status, WccData dirWcc) implements Nfs3Res {

  public static REMOVE3res decode(XdrDecodingStream in) throws IOException {
    return new REMOVE3res(in.xdrDecodeInt(), WccData.decode(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeInt(status);
    dirWcc.encode(out);
  }
}
