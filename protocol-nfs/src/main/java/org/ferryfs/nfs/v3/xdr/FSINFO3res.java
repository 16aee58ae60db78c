package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.19 {@code FSINFO3res}.
 *
 * @param status nfsstat3
 * @param objAttributes resok and resfail: the object's attributes (post_op_attr)
 * @param rtmax resok: largest READ (uint32)
 * @param rtpref resok: preferred READ size (uint32)
 * @param rtmult resok: suggested READ multiple (uint32)
 * @param wtmax resok: largest WRITE (uint32)
 * @param wtpref resok: preferred WRITE size (uint32)
 * @param wtmult resok: suggested WRITE multiple (uint32)
 * @param dtpref resok: preferred READDIR size (uint32)
 * @param maxfilesize resok: largest file (size3)
 * @param timeDelta resok: time stamp granularity (nfstime3)
 * @param properties resok: FSF3_* bits (uint32)
 */
public record FSINFO3res(
    int status,
    PostOpAttr objAttributes,
    int rtmax,
    int rtpref,
    int rtmult,
    int wtmax,
    int wtpref,
    int wtmult,
    int dtpref,
    long maxfilesize,
    Nfstime3 timeDelta,
    int properties)
    implements Nfs3Res {

  /** RFC 1813 §3.3.19: hard links are supported. */
  public static final int FSF3_LINK = 0x0001;

  /** RFC 1813 §3.3.19: symbolic links are supported. */
  public static final int FSF3_SYMLINK = 0x0002;

  /** RFC 1813 §3.3.19: PATHCONF answers are the same for every object of the file system. */
  public static final int FSF3_HOMOGENEOUS = 0x0008;

  /** RFC 1813 §3.3.19: SETATTR can set times to a client's values. */
  public static final int FSF3_CANSETTIME = 0x0010;

  public static FSINFO3res fail(int status, PostOpAttr attributes) {
    return new FSINFO3res(status, attributes, 0, 0, 0, 0, 0, 0, 0, 0, null, 0);
  }

  public static FSINFO3res decode(XdrDecodingStream in) throws IOException {
    int status = in.xdrDecodeInt();
    PostOpAttr attributes = PostOpAttr.decode(in);
    if (status != Nfsstat3.NFS3_OK) {
      return fail(status, attributes);
    }
    return new FSINFO3res(
        status,
        attributes,
        in.xdrDecodeInt(),
        in.xdrDecodeInt(),
        in.xdrDecodeInt(),
        in.xdrDecodeInt(),
        in.xdrDecodeInt(),
        in.xdrDecodeInt(),
        in.xdrDecodeInt(),
        in.xdrDecodeLong(),
        Nfstime3.decode(in),
        in.xdrDecodeInt());
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeInt(status);
    objAttributes.encode(out);
    if (status == Nfsstat3.NFS3_OK) {
      out.xdrEncodeInt(rtmax);
      out.xdrEncodeInt(rtpref);
      out.xdrEncodeInt(rtmult);
      out.xdrEncodeInt(wtmax);
      out.xdrEncodeInt(wtpref);
      out.xdrEncodeInt(wtmult);
      out.xdrEncodeInt(dtpref);
      out.xdrEncodeLong(maxfilesize);
      timeDelta.encode(out);
      out.xdrEncodeInt(properties);
    }
  }
}
