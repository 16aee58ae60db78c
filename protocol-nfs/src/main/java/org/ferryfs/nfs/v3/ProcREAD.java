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
 * RFC 1813 §3.3.6 NFSPROC3_READ: up to {@code count} bytes, clamped to rtmax. The core reads into
 * one buffer that then goes into the reply as it is (no second copy for aligned reads, see {@link
 * READ3res}).
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
    ByteBuffer buffer = ByteBuffer.allocate(count);
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
