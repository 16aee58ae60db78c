package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;

/**
 * RFC 1813 §3.3.1 {@code GETATTR3res}.
 *
 * @param status nfsstat3 (4 bytes)
 * @param objAttributes resok: the attributes (fattr3, 84 bytes); {@code null} when failed
 */
public record GETATTR3res(int status, Fattr3 objAttributes) implements Nfs3Res {

  public static GETATTR3res ok(Fattr3 attributes) {
    return new GETATTR3res(Nfsstat3.NFS3_OK, attributes);
  }

  public static GETATTR3res fail(int status) {
    return new GETATTR3res(status, null);
  }

  public static GETATTR3res decode(XdrDecodingStream in) throws IOException {
    int status = in.xdrDecodeInt();
    return status == Nfsstat3.NFS3_OK ? ok(Fattr3.decode(in)) : fail(status);
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeInt(status);
    if (status == Nfsstat3.NFS3_OK) {
      objAttributes.encode(out);
    }
  }

  @Override
  public int sizeHint() {
    return 4 + Fattr3.SIZE;
  }
}
