package org.ferryfs.nfs.v3;

import org.ferryfs.backend.BackendException;
import org.ferryfs.frontend.Lookup;
import org.ferryfs.nfs.v3.xdr.LOOKUP3args;
import org.ferryfs.nfs.v3.xdr.LOOKUP3res;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;
import org.ferryfs.nfs.v3.xdr.PostOpAttr;

/** RFC 1813 §3.3.3 NFSPROC3_LOOKUP: a name in a directory to a handle. */
final class ProcLOOKUP implements Nfs3Handler<LOOKUP3args> {
  private final Nfs3Context c;

  ProcLOOKUP(Nfs3Context c) {
    this.c = c;
  }

  @Override
  public Nfs3Res execute(Nfs3Call call, LOOKUP3args args) throws BackendException {
    Lookup found = c.files().lookup(call.caller(), call.ref(), args.what().name());
    return LOOKUP3res.ok(
        c.fh(found.ref()), Nfs3Context.post(found.attributes(), found.ref()), PostOpAttr.ABSENT);
  }

  @Override
  public Nfs3Res failure(int nfsstat3) {
    return LOOKUP3res.fail(nfsstat3, PostOpAttr.ABSENT);
  }
}
