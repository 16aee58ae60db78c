package org.ferryfs.nfs.v3;

import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.nfs.v3.xdr.GETATTR3args;
import org.ferryfs.nfs.v3.xdr.GETATTR3res;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;

/** RFC 1813 §3.3.1 NFSPROC3_GETATTR: an object's attributes. */
final class ProcGETATTR implements Nfs3Handler<GETATTR3args> {
  private final Nfs3Context c;

  ProcGETATTR(Nfs3Context c) {
    this.c = c;
  }

  @Override
  public Nfs3Res execute(Nfs3Call call, GETATTR3args args) throws BackendException {
    FileAttributes a = c.files().getattr(call.caller(), call.ref());
    return GETATTR3res.ok(Nfs3Attrs.fattr3(a, call.ref().exportIndex()));
  }

  @Override
  public Nfs3Res failure(int nfsstat3) {
    return GETATTR3res.fail(nfsstat3);
  }
}
