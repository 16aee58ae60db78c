package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.XdrType;
import org.ferryfs.nfs.xdr.Xdrs;

/**
 * RFC 1813 §3.3.17 {@code entryplus3} without its {@code nextentry} link.
 *
 * @param fileid the entry's file id (fileid3, 8 bytes)
 * @param name the entry's name (filename3)
 * @param cookie where to resume after this entry (cookie3, 8 bytes)
 * @param nameAttributes its attributes (post_op_attr)
 * @param nameHandle its handle (post_op_fh3)
 */
public record Entryplus3(
    long fileid, String name, long cookie, PostOpAttr nameAttributes, PostOpFh3 nameHandle)
    implements XdrType {

  /** The part of an entry counted against READDIRPLUS {@code dircount}: fileid, name, cookie. */
  public static int dirSize(int nameBytes) {
    return 8 + Xdrs.opaqueSize(nameBytes) + 8;
  }

  /** Full encoded size with its link word. */
  public static int size(int nameBytes, boolean withAttributes, int handleBytes) {
    return 4
        + dirSize(nameBytes)
        + (withAttributes ? PostOpAttr.SIZE : 4)
        + (handleBytes < 0 ? 4 : 4 + Xdrs.opaqueSize(handleBytes));
  }

  public static Entryplus3 decode(XdrDecodingStream in) throws IOException {
    return new Entryplus3(
        in.xdrDecodeLong(),
        Filename3.decode(in),
        in.xdrDecodeLong(),
        PostOpAttr.decode(in),
        PostOpFh3.decode(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeLong(fileid);
    Filename3.encode(out, name);
    out.xdrEncodeLong(cookie);
    nameAttributes.encode(out);
    nameHandle.encode(out);
  }
}
