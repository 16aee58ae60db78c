package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.4 {@code ACCESS3res}.
 *
 * @param status nfsstat3
 * @param objAttributes resok and resfail: the object's attributes (post_op_attr)
 * @param access resok: the ACCESS3_* bits granted (uint32); 0 when failed
 */
public record ACCESS3res(int status, PostOpAttr objAttributes, int access) implements Nfs3Res {

  public static ACCESS3res fail(int status, PostOpAttr objAttributes) {
    return new ACCESS3res(status, objAttributes, 0);
  }

  public static ACCESS3res decode(XdrDecodingStream in) throws IOException {
    int status = in.xdrDecodeInt();
    PostOpAttr attributes = PostOpAttr.decode(in);
    return status == Nfsstat3.NFS3_OK
        ? new ACCESS3res(status, attributes, in.xdrDecodeInt())
        : fail(status, attributes);
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeInt(status);
    objAttributes.encode(out);
    if (status == Nfsstat3.NFS3_OK) {
      out.xdrEncodeInt(access);
    }
  }
}
