package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.Xdrs;

/**
 * RFC 1813 §3.3.17 {@code READDIRPLUS3res} (with {@code dirlistplus3} inlined).
 *
 * @param status nfsstat3
 * @param dirAttributes resok and resfail: the directory's attributes (post_op_attr)
 * @param cookieverf resok: the listing's verifier (cookieverf3, as a big-endian long)
 * @param entries resok: the entries (an optional-data list of entryplus3)
 * @param eof resok: no entries follow (bool)
 */
public record READDIRPLUS3res(
    int status, PostOpAttr dirAttributes, long cookieverf, List<Entryplus3> entries, boolean eof)
    implements Nfs3Res {

  /** Encoded size of a READDIRPLUS3resok with attributes and no entries. */
  public static final int EMPTY_OK_SIZE = 4 + PostOpAttr.SIZE + 8 + 4 + 4;

  public READDIRPLUS3res {
    entries = List.copyOf(entries);
  }

  public static READDIRPLUS3res fail(int status, PostOpAttr dirAttributes) {
    return new READDIRPLUS3res(status, dirAttributes, 0, List.of(), false);
  }

  public static READDIRPLUS3res decode(XdrDecodingStream in) throws IOException {
    int status = in.xdrDecodeInt();
    PostOpAttr attributes = PostOpAttr.decode(in);
    if (status != Nfsstat3.NFS3_OK) {
      return fail(status, attributes);
    }
    long verf = in.xdrDecodeLong();
    List<Entryplus3> entries =
        Xdrs.list(in, Entryplus3::decode, Nfs3Limits.MAX_DIR_ENTRIES, "READDIRPLUS3resok entries");
    return new READDIRPLUS3res(status, attributes, verf, entries, Xdrs.bool(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeInt(status);
    dirAttributes.encode(out);
    if (status == Nfsstat3.NFS3_OK) {
      out.xdrEncodeLong(cookieverf);
      Xdrs.list(out, entries);
      out.xdrEncodeBoolean(eof);
    }
  }

  @Override
  public int sizeHint() {
    int size = EMPTY_OK_SIZE;
    for (Entryplus3 e : entries) {
      size += 24 + 4 * e.name().length() + PostOpAttr.SIZE + 72;
    }
    return size;
  }
}
