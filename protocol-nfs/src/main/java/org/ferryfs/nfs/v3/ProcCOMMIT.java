package org.ferryfs.nfs.v3;

import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.nfs.v3.xdr.COMMIT3args;
import org.ferryfs.nfs.v3.xdr.COMMIT3res;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;
import org.ferryfs.nfs.v3.xdr.WccData;

/**
 * RFC 1813 §3.3.21 NFSPROC3_COMMIT: makes unstable writes durable and answers the write verifier,
 * which the client compares with the one its WRITEs got.
 */
final class ProcCOMMIT implements Nfs3Handler<COMMIT3args> {
  private final Nfs3Context c;

  ProcCOMMIT(Nfs3Context c) {
    this.c = c;
  }

  @Override
  public Nfs3Res execute(Nfs3Call call, COMMIT3args args) throws BackendException {
    long offset = Nfs3Attrs.offset(args.offset(), BackendStatus.INVALID_ARGUMENT);
    FileAttributes after = c.files().commit(call.caller(), call.ref(), offset, args.count());
    return new COMMIT3res(
        Nfsstat3.NFS3_OK, Nfs3Context.after(after, call.ref()), c.files().writeVerifier());
  }

  @Override
  public Nfs3Res failure(int nfsstat3) {
    return COMMIT3res.fail(nfsstat3, WccData.EMPTY);
  }
}
