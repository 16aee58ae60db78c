package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.5 {@code READLINK3res}.
 *
 * @param status nfsstat3
 * @param symlinkAttributes resok and resfail: the link's attributes (post_op_attr)
 * @param data resok: the target (nfspath3); {@code null} when failed
 */
public record READLINK3res(int status, PostOpAttr symlinkAttributes, String data)
    implements Nfs3Res {

  public static READLINK3res fail(int status, PostOpAttr attributes) {
    return new READLINK3res(status, attributes, null);
  }

  public static READLINK3res decode(XdrDecodingStream in) throws IOException {
    int status = in.xdrDecodeInt();
    PostOpAttr attributes = PostOpAttr.decode(in);
    return status == Nfsstat3.NFS3_OK
        ? new READLINK3res(status, attributes, Nfspath3.decode(in))
        : fail(status, attributes);
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeInt(status);
    symlinkAttributes.encode(out);
    if (status == Nfsstat3.NFS3_OK) {
      Nfspath3.encode(out, data);
    }
  }

  @Override
  public int sizeHint() {
    return 4 + PostOpAttr.SIZE + 4 + (data == null ? 0 : 4 * data.length());
  }
}
