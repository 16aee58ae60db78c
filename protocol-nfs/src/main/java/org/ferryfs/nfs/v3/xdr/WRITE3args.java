package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.dcache.oncrpc4j.xdr.Xdr;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.Xdrs;

/**
 * RFC 1813 §3.3.7 {@code WRITE3args}.
 *
 * @param file the file (nfs_fh3)
 * @param offset where to write (offset3, uint64 as raw bits)
 * @param count bytes to write (count3, uint32)
 * @param stable how durable (stable_how, 4 bytes)
 * @param data the bytes ({@code opaque data<>}, at most {@link Nfs3Limits#WTMAX}); when decoded on
 *     the server a view of the request, valid while the call runs
 */
public record WRITE3args(NfsFh3 file, long offset, long count, StableHow stable, ByteBuffer data)
    implements Nfs3Args {

  /** Data at least this large is sent by a client without being copied. */
  private static final int SHALLOW_MIN = 4096;

  public static WRITE3args decode(XdrDecodingStream in) throws IOException {
    return new WRITE3args(
        NfsFh3.decode(in),
        in.xdrDecodeLong(),
        Xdrs.uint32(in),
        StableHow.decode(in),
        Xdrs.opaqueView(in, Nfs3Limits.WTMAX, "WRITE3args data"));
  }

  @Override
  public void encode(XdrEncodingStream out) {
    file.encode(out);
    out.xdrEncodeLong(offset);
    out.xdrEncodeInt((int) count);
    stable.encode(out);
    if (out instanceof Xdr xdr && data.remaining() >= SHALLOW_MIN) {
      // A client's call: the data buffer is appended to the message as it is (no copy); the
      // caller keeps it untouched until the reply (RpcClient#callAsync).
      xdr.xdrEncodeShallowByteBuffer(data.duplicate());
    } else {
      out.xdrEncodeByteBuffer(data.duplicate());
    }
  }

  @Override
  public int sizeHint() {
    return 128 + data.remaining();
  }

  @Override
  public List<NfsFh3> handles() {
    return List.of(file);
  }
}
