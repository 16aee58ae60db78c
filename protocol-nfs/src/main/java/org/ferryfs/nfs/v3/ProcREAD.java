package org.ferryfs.nfs.v3;

import java.nio.ByteBuffer;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.frontend.ReadResult;
import org.ferryfs.nfs.v3.xdr.Nfs3Limits;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;
import org.ferryfs.nfs.v3.xdr.PostOpAttr;
import org.ferryfs.nfs.v3.xdr.READ3args;
import org.ferryfs.nfs.v3.xdr.READ3res;

/**
 * RFC 1813 §3.3.6 NFSPROC3_READ: up to {@code count} bytes, clamped to rtmax. The core reads into a
 * pooled direct buffer of the call's ({@link org.ferryfs.nfs.rpc.ReplyBuffers}), which then goes
 * into the reply as it is (see {@link READ3res}): the file's bytes are copied by the kernel into it
 * and from it into the socket, and nowhere else.
 */
final class ProcREAD implements Nfs3Handler<READ3args> {
  private final Nfs3Context c;

  ProcREAD(Nfs3Context c) {
    this.c = c;
  }

  @Override
  public Nfs3Res execute(Nfs3Call call, READ3args args) throws BackendException {
    long offset = Nfs3Attrs.offset(args.offset(), BackendStatus.INVALID_ARGUMENT);
    int count = (int) Math.min(args.count(), Nfs3Limits.RTMAX);
    ByteBuffer buffer = call.rpc().buffers().take(count);
    ReadResult r = c.files().read(call.caller(), call.ref(), offset, buffer);
    if (r.count() < 0 || r.count() > count) {
      throw new IllegalStateException(
          "FileService.read reported " + r.count() + " bytes for a buffer of " + count);
    }
    ByteBuffer data = buffer.slice(0, r.count());
    return READ3res.ok(Nfs3Context.post(r.attributes(), call.ref()), r.eof(), data);
  }

  @Override
  public Nfs3Res failure(int nfsstat3) {
    return READ3res.fail(nfsstat3, PostOpAttr.ABSENT);
  }
}
