package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.11 {@code MKNOD3args} with its {@code mknoddata3} union inlined: for NF3CHR and
 * NF3BLK a {@code devicedata3} (sattr3 + specdata3), for NF3SOCK and NF3FIFO a sattr3, for other
 * types nothing (the server answers NFS3ERR_BADTYPE).
 *
 * @param where directory and new name (diropargs3)
 * @param type the object type (ftype3)
 * @param attributes initial attributes, {@code null} for types without any
 * @param spec device numbers, {@code null} unless NF3CHR or NF3BLK
 */
public record MKNOD3args(Diropargs3 where, Ftype3 type, Sattr3 attributes, Specdata3 spec)
    implements Nfs3Args {

  public static MKNOD3args decode(XdrDecodingStream in) throws IOException {
    Diropargs3 where = Diropargs3.decode(in);
    Ftype3 type = Ftype3.decode(in);
    return switch (type) {
      case NF3CHR, NF3BLK -> new MKNOD3args(where, type, Sattr3.decode(in), Specdata3.decode(in));
      case NF3SOCK, NF3FIFO -> new MKNOD3args(where, type, Sattr3.decode(in), null);
      default -> new MKNOD3args(where, type, null, null);
    };
  }

  @Override
  public void encode(XdrEncodingStream out) {
    where.encode(out);
    type.encode(out);
    switch (type) {
      case NF3CHR, NF3BLK -> {
        attributes.encode(out);
        spec.encode(out);
      }
      case NF3SOCK, NF3FIFO -> attributes.encode(out);
      default -> {}
    }
  }

  @Override
  public List<NfsFh3> handles() {
    return List.of(where.dir());
  }
}
