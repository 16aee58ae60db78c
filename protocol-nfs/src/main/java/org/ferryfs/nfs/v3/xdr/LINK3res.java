package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.15 {@code LINK3res}: resok and resfail carry the same fields.
 *
 * @param status nfsstat3
 * @param fileAttributes the linked file's attributes (post_op_attr)
 * @param linkdirWcc the directory's attributes before and after (wcc_data)
 */
public record LINK3res(int status, PostOpAttr fileAttributes, WccData linkdirWcc)
    implements Nfs3Res {

  public static LINK3res decode(XdrDecodingStream in) throws IOException {
    return new LINK3res(in.xdrDecodeInt(), PostOpAttr.decode(in), WccData.decode(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeInt(status);
    fileAttributes.encode(out);
    linkdirWcc.encode(out);
  }

  @Override
  public int sizeHint() {
    return 4 + 2 * PostOpAttr.SIZE + 28;
  }
}
