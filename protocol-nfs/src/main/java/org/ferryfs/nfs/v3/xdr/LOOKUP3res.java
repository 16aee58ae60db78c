package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.3 {@code LOOKUP3res}.
 *
 * @param status nfsstat3
 * @param object resok: the found object's handle (nfs_fh3); {@code null} when failed
 * @param objAttributes resok: its attributes (post_op_attr); ABSENT when failed
 * @param dirAttributes resok and resfail: the directory's attributes (post_op_attr)
 */
public record LOOKUP3res(
    int status, NfsFh3 object, PostOpAttr objAttributes, PostOpAttr dirAttributes)
    implements Nfs3Res {

  public static LOOKUP3res ok(NfsFh3 object, PostOpAttr objAttributes, PostOpAttr dirAttributes) {
    return new LOOKUP3res(Nfsstat3.NFS3_OK, object, objAttributes, dirAttributes);
  }

  public static LOOKUP3res fail(int status, PostOpAttr dirAttributes) {
    return new LOOKUP3res(status, null, PostOpAttr.ABSENT, dirAttributes);
  }

  public static LOOKUP3res decode(XdrDecodingStream in) throws IOException {
    int status = in.xdrDecodeInt();
    if (status != Nfsstat3.NFS3_OK) {
      return fail(status, PostOpAttr.decode(in));
    }
    return ok(NfsFh3.decode(in), PostOpAttr.decode(in), PostOpAttr.decode(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeInt(status);
    if (status == Nfsstat3.NFS3_OK) {
      object.encode(out);
      objAttributes.encode(out);
    }
    dirAttributes.encode(out);
  }

  @Override
  public int sizeHint() {
    return 4 + 68 + 2 * PostOpAttr.SIZE;
  }
}
