package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.XdrType;
import org.ferryfs.nfs.xdr.Xdrs;

/**
 * RFC 1813 §2.6 {@code sattr3}: attributes to set; each is a discriminated union (4-byte flag plus
 * the value when set).
 *
 * @param mode {@code set_mode3}: new mode3, or {@code null}
 * @param uid {@code set_uid3}: new owner, or {@code null}
 * @param gid {@code set_gid3}: new group, or {@code null}
 * @param size {@code set_size3}: new size (uint64 as raw bits), or {@code null}
 * @param atime {@code set_atime}
 * @param mtime {@code set_mtime}
 */
public record Sattr3(
    Integer mode, Integer uid, Integer gid, Long size, SetTime3 atime, SetTime3 mtime)
    implements XdrType {

  /** Absent times mean DONT_CHANGE. */
  public Sattr3 {
    atime = atime == null ? SetTime3.DONT_CHANGE : atime;
    mtime = mtime == null ? SetTime3.DONT_CHANGE : mtime;
  }

  /** Change nothing. */
  public static final Sattr3 NONE =
      new Sattr3(null, null, null, null, SetTime3.DONT_CHANGE, SetTime3.DONT_CHANGE);

  public static Sattr3 decode(XdrDecodingStream in) throws IOException {
    Integer mode = Xdrs.bool(in) ? in.xdrDecodeInt() : null;
    Integer uid = Xdrs.bool(in) ? in.xdrDecodeInt() : null;
    Integer gid = Xdrs.bool(in) ? in.xdrDecodeInt() : null;
    Long size = Xdrs.bool(in) ? in.xdrDecodeLong() : null;
    return new Sattr3(mode, uid, gid, size, SetTime3.decode(in), SetTime3.decode(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeBoolean(mode != null);
    if (mode != null) {
      out.xdrEncodeInt(mode);
    }
    out.xdrEncodeBoolean(uid != null);
    if (uid != null) {
      out.xdrEncodeInt(uid);
    }
    out.xdrEncodeBoolean(gid != null);
    if (gid != null) {
      out.xdrEncodeInt(gid);
    }
    out.xdrEncodeBoolean(size != null);
    if (size != null) {
      out.xdrEncodeLong(size);
    }
    atime.encode(out);
    mtime.encode(out);
  }
}
