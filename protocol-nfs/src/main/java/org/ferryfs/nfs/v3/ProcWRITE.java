package org.ferryfs.nfs.v3;

import java.nio.ByteBuffer;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.frontend.WriteResult;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;
import org.ferryfs.nfs.v3.xdr.WRITE3args;
import org.ferryfs.nfs.v3.xdr.WRITE3res;
import org.ferryfs.nfs.v3.xdr.WccData;

/**
 * RFC 1813 §3.3.7 NFSPROC3_WRITE: writes {@code min(count, data length)} bytes (data is at most
 * wtmax, checked at decode) straight from the request buffer, and answers with the write verifier.
 */
final class ProcWRITE implements Nfs3Handler<WRITE3args> {
  private final Nfs3Context c;

  ProcWRITE(Nfs3Context c) {
    this.c = c;
  }

  @Override
  public Nfs3Res execute(Nfs3Call call, WRITE3args args) throws BackendException {
    long offset = Nfs3Attrs.offset(args.offset(), BackendStatus.FILE_TOO_LARGE);
    ByteBuffer data = args.data();
    int n = (int) Math.min(args.count(), data.remaining());
    ByteBuffer src = data.slice(data.position(), n);
    WriteResult w =
        c.files().write(call.caller(), call.ref(), offset, src, Nfs3Attrs.stability(args.stable()));
    WccData wcc =
        new WccData(Nfs3Attrs.preOp(w.before()), Nfs3Context.post(w.attributes(), call.ref()));
    return new WRITE3res(
        Nfsstat3.NFS3_OK,
        wcc,
        w.count(),
        Nfs3Attrs.stableHow(w.committed()),
        c.files().writeVerifier());
  }

  @Override
  public Nfs3Res failure(int nfsstat3) {
    return WRITE3res.fail(nfsstat3, WccData.EMPTY);
  }
}
