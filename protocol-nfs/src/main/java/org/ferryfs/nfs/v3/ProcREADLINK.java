package org.ferryfs.nfs.v3;

import org.ferryfs.backend.BackendException;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;
import org.ferryfs.nfs.v3.xdr.PostOpAttr;
import org.ferryfs.nfs.v3.xdr.READLINK3args;
import org.ferryfs.nfs.v3.xdr.READLINK3res;

/** RFC 1813 §3.3.5 NFSPROC3_READLINK: a symbolic link's target. */
final class ProcREADLINK implements Nfs3Handler<READLINK3args> {
  private final Nfs3Context c;

  ProcREADLINK(Nfs3Context c) {
    this.c = c;
  }

  @Override
  public Nfs3Res execute(Nfs3Call call, READLINK3args args) throws BackendException {
    String target = c.files().readlink(call.caller(), call.ref());
    return new READLINK3res(Nfsstat3.NFS3_OK, PostOpAttr.ABSENT, target);
  }

  @Override
  public Nfs3Res failure(int nfsstat3) {
    return READLINK3res.fail(nfsstat3, PostOpAttr.ABSENT);
  }
}
