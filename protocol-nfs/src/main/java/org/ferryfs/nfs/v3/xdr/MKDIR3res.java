package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.9 {@code MKDIR3res}.
 *
 * @param status nfsstat3
 * @param obj resok: the new object's handle (post_op_fh3); ABSENT when failed
 * @param objAttributes resok: its attributes (post_op_attr); ABSENT when failed
 * @param dirWcc resok and resfail: the directory's attributes before and after (wcc_data)
 */
public record MKDIR3res(int status, PostOpFh3 obj, PostOpAttr objAttributes, WccData dirWcc)
    implements Nfs3Res {

  public static MKDIR3res ok(PostOpFh3 obj, PostOpAttr objAttributes, WccData dirWcc) {
    return new MKDIR3res(Nfsstat3.NFS3_OK, obj, objAttributes, dirWcc);
  }

  public static MKDIR3res fail(int status, WccData dirWcc) {
    return new MKDIR3res(status, PostOpFh3.ABSENT, PostOpAttr.ABSENT, dirWcc);
  }

  public static MKDIR3res decode(XdrDecodingStream in) throws IOException {
    int status = in.xdrDecodeInt();
    if (status != Nfsstat3.NFS3_OK) {
      return fail(status, WccData.decode(in));
    }
    return ok(PostOpFh3.decode(in), PostOpAttr.decode(in), WccData.decode(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeInt(status);
    if (status == Nfsstat3.NFS3_OK) {
      obj.encode(out);
      objAttributes.encode(out);
    }
    dirWcc.encode(out);
  }

  @Override
  public int sizeHint() {
    return 4 + 72 + 3 * PostOpAttr.SIZE + 28;
  }
}
