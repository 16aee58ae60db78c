package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.18 {@code FSSTAT3res}.
 *
 * @param status nfsstat3
 * @param objAttributes resok and resfail: the object's attributes (post_op_attr)
 * @param tbytes resok: total bytes (size3)
 * @param fbytes resok: free bytes (size3)
 * @param abytes resok: free bytes available to the caller (size3)
 * @param tfiles resok: total file slots (size3)
 * @param ffiles resok: free file slots (size3)
 * @param afiles resok: free file slots available to the caller (size3)
 * @param invarsec resok: seconds the figures are not expected to change (uint32)
 */
public record FSSTAT3res(
    int status,
    PostOpAttr objAttributes,
    long tbytes,
    long fbytes,
    long abytes,
    long tfiles,
    long ffiles,
    long afiles,
    int invarsec)
    implements Nfs3Res {

  public static FSSTAT3res fail(int status, PostOpAttr attributes) {
    return new FSSTAT3res(status, attributes, 0, 0, 0, 0, 0, 0, 0);
  }

  public static FSSTAT3res decode(XdrDecodingStream in) throws IOException {
    int status = in.xdrDecodeInt();
    PostOpAttr attributes = PostOpAttr.decode(in);
    if (status != Nfsstat3.NFS3_OK) {
      return fail(status, attributes);
    }
    return new FSSTAT3res(
        status,
        attributes,
        in.xdrDecodeLong(),
        in.xdrDecodeLong(),
        in.xdrDecodeLong(),
        in.xdrDecodeLong(),
        in.xdrDecodeLong(),
        in.xdrDecodeLong(),
        in.xdrDecodeInt());
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeInt(status);
    objAttributes.encode(out);
    if (status == Nfsstat3.NFS3_OK) {
      out.xdrEncodeLong(tbytes);
      out.xdrEncodeLong(fbytes);
      out.xdrEncodeLong(abytes);
      out.xdrEncodeLong(tfiles);
      out.xdrEncodeLong(ffiles);
      out.xdrEncodeLong(afiles);
      out.xdrEncodeInt(invarsec);
    }
  }
}
