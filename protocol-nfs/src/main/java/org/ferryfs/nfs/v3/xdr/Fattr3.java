package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.XdrType;

/**
 * RFC 1813 §2.6 {@code fattr3}: an object's attributes (84 bytes).
 *
 * @param type object type (4)
 * @param mode permission bits, {@code mode3} (4)
 * @param nlink hard links (4)
 * @param uid owner (4)
 * @param gid group (4)
 * @param size size in bytes, {@code size3} (8)
 * @param used bytes allocated (8)
 * @param rdev device numbers (8)
 * @param fsid file system id: Ferry puts the export index here (8)
 * @param fileid object id: Ferry's object id (8)
 * @param atime last access (8)
 * @param mtime last modification (8)
 * @param ctime last status change (8)
 */
public record Fattr3(
    Ftype3 type,
    int mode,
    int nlink,
    int uid,
    int gid,
    long size,
    long used,
    Specdata3 rdev,
    long fsid,
    long fileid,
    Nfstime3 atime,
    Nfstime3 mtime,
    Nfstime3 ctime)
    implements XdrType {

  /** Encoded size. */
  public static final int SIZE = 84;

  public static Fattr3 decode(XdrDecodingStream in) throws IOException {
    return new Fattr3(
        Ftype3.decode(in),
        in.xdrDecodeInt(),
        in.xdrDecodeInt(),
        in.xdrDecodeInt(),
        in.xdrDecodeInt(),
        in.xdrDecodeLong(),
        in.xdrDecodeLong(),
        Specdata3.decode(in),
        in.xdrDecodeLong(),
        in.xdrDecodeLong(),
        Nfstime3.decode(in),
        Nfstime3.decode(in),
        Nfstime3.decode(in));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    type.encode(out);
    out.xdrEncodeInt(mode);
    out.xdrEncodeInt(nlink);
    out.xdrEncodeInt(uid);
    out.xdrEncodeInt(gid);
    out.xdrEncodeLong(size);
    out.xdrEncodeLong(used);
    rdev.encode(out);
    out.xdrEncodeLong(fsid);
    out.xdrEncodeLong(fileid);
    atime.encode(out);
    mtime.encode(out);
    ctime.encode(out);
  }

  @Override
  public int sizeHint() {
    return SIZE;
  }
}
