package org.ferryfs.nfs.v3.xdr;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.ferryfs.nfs.xdr.XdrDecoder;
import org.ferryfs.nfs.xdr.XdrEncoder;
import org.ferryfs.nfs.xdr.Xdrs;

/**
 * RFC 1813 §3.3.6 {@code READ3res}.
 *
 * @param status nfsstat3
 * @param fileAttributes resok and resfail: the file's attributes (post_op_attr)
 * @param count resok: bytes read (count3)
 * @param eof resok: the read reached the end of the file (bool)
 * @param data resok: the bytes ({@code opaque data<>}); {@code null} when failed
 */
public record READ3res(
    int status, PostOpAttr fileAttributes, int count, boolean eof, ByteBuffer data)
    implements Nfs3Res {

  /** Data at least this large is sent without being copied (by an {@link XdrEncoder}). */
  private static final int SHALLOW_MIN = 4096;

  public static READ3res ok(PostOpAttr attributes, boolean eof, ByteBuffer data) {
    return new READ3res(Nfsstat3.NFS3_OK, attributes, data.remaining(), eof, data);
  }

  public static READ3res fail(int status, PostOpAttr attributes) {
    return new READ3res(status, attributes, 0, false, null);
  }

  public static READ3res decode(XdrDecodingStream in) throws IOException {
    int status = in.xdrDecodeInt();
    PostOpAttr attributes = PostOpAttr.decode(in);
    if (status != Nfsstat3.NFS3_OK) {
      return fail(status, attributes);
    }
    int count = in.xdrDecodeInt();
    boolean eof = Xdrs.bool(in);
    // A copy: the decoded reply's buffer belongs to the transport.
    byte[] data = Xdrs.opaque(in, Nfs3Limits.MAX_READ_DECODE, "READ3resok data");
    return new READ3res(status, attributes, count, eof, ByteBuffer.wrap(data));
  }

  /**
   * A decoder (for a client) that copies the data straight from the reply into {@code dst}, at
   * {@code dst}'s position, without moving it; the result's {@code data} is the filled part of
   * {@code dst} (a slice). More data than {@code dst} has room for is an XDR error. The decoder may
   * run on another thread: the caller must not touch {@code dst} until the call is over.
   */
  public static XdrDecoder<READ3res> into(ByteBuffer dst) {
    return in -> {
      int status = in.xdrDecodeInt();
      PostOpAttr attributes = PostOpAttr.decode(in);
      if (status != Nfsstat3.NFS3_OK) {
        return fail(status, attributes);
      }
      int count = in.xdrDecodeInt();
      boolean eof = Xdrs.bool(in);
      int len = Xdrs.length(in, dst.remaining(), "READ3resok data");
      ByteBuffer target = dst.slice(dst.position(), len);
      Xdrs.fixedOpaqueInto(in, target);
      return new READ3res(status, attributes, count, eof, target.flip());
    };
  }

  private boolean shallow() {
    return data != null && data.remaining() >= SHALLOW_MIN;
  }

  @Override
  public void encode(XdrEncodingStream out) {
    out.xdrEncodeInt(status);
    fileAttributes.encode(out);
    if (status != Nfsstat3.NFS3_OK) {
      return;
    }
    out.xdrEncodeInt(count);
    out.xdrEncodeBoolean(eof);
    if (out instanceof XdrEncoder encoder && shallow()) {
      // Appends the data buffer itself to the reply (no copy).
      encoder.xdrEncodeShallow(data);
    } else {
      out.xdrEncodeByteBuffer(data.duplicate());
    }
  }

  @Override
  public int sizeHint() {
    return 4 + PostOpAttr.SIZE + 12 + (data == null || shallow() ? 0 : data.remaining() + 4);
  }
}
