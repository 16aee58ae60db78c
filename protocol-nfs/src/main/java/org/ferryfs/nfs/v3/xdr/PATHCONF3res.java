package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.Xdrs;

/**
 * RFC 1813 §3.3.20 {@code PATHCONF3res}.
 *
 * @param status nfsstat3
 * @param objAttributes resok and resfail: the object's attributes (post_op_attr)
 * @param linkmax resok: most hard links (uint32)
 * @param nameMax resok: longest name (uint32)
 * @param noTrunc resok: long names are refused, not truncated (bool)
 * @param chownRestricted resok: only privileged callers may chown (bool)
 * @param caseInsensitive resok (bool)
 * @param casePreserving resok (bool)
 */
public record PATHCONF3res(
    int status,
    PostOpAttr objAttributes,
    int linkmax,
    int nameMax,
    boolean noTrunc,
    boolean chownRestricted,
    boolean caseInsensitive,
    boolean casePreserving)
    implements Nfs3Res {

  public static PATHCONF3res fail(int status, PostOpAttr attributes) {
    return new PATHCONF3res(status, attributes, 0, 0, false, false, false, false);
  }

  public static PATHCONF3res decode(XdrDecodingStream in) throws IOException {
    int status = in.xdrDecodeInt();
    PostOpAttr attributes = PostOpAttr.decode(in);
    if (status != Nfsstat3.NFS3_OK) {
      return fail(status, attributes);
    }
    return new PATHCONF3res(
        status,
        attributes,
        in.xdrDecodeInt(),
        in.xdrDecodeInt(),
        Xdrs.bool(in),
        Xdrs.bool(in),
        Xdrs.bool(in),
        Xdrs.bool(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeInt(status);
    objAttributes.encode(out);
    if (status == Nfsstat3.NFS3_OK) {
      out.xdrEncodeInt(linkmax);
      out.xdrEncodeInt(nameMax);
      out.xdrEncodeBoolean(noTrunc);
      out.xdrEncodeBoolean(chownRestricted);
      out.xdrEncodeBoolean(caseInsensitive);
      out.xdrEncodeBoolean(casePreserving);
    }
  }
}
