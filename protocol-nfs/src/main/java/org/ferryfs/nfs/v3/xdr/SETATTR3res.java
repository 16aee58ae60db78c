package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.2 {@code SETATTR3res}: resok and resfail both carry {@code obj_wcc}.
 *
 * @param status nfsstat3
 * @param objWcc the object's attributes before and after (wcc_data)
 */
public record SETATTR3res(int status, WccData objWcc) implements Nfs3Res {

  public static SETATTR3res decode(XdrDecodingStream in) throws IOException {
    return new SETATTR3res(in.xdrDecodeInt(), WccData.decode(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeInt(status);
    objWcc.encode(out);
  }
}
