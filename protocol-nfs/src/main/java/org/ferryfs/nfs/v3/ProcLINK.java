package org.ferryfs.nfs.v3;

import org.ferryfs.backend.BackendException;
import org.ferryfs.frontend.Created;
import org.ferryfs.nfs.v3.xdr.LINK3args;
import org.ferryfs.nfs.v3.xdr.LINK3res;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;
import org.ferryfs.nfs.v3.xdr.PostOpAttr;
import org.ferryfs.nfs.v3.xdr.WccData;

/** RFC 1813 §3.3.15 NFSPROC3_LINK: a new hard link to a file. */
final class ProcLINK implements Nfs3Handler<LINK3args> {
  private final Nfs3Context c;

  ProcLINK(Nfs3Context c) {
    this.c = c;
  }

  @Override
  public Nfs3Res execute(Nfs3Call call, LINK3args args) throws BackendException {
    Created linked = c.files().link(call.caller(), call.ref(0), call.ref(1), args.link().name());
    return new LINK3res(
        Nfsstat3.NFS3_OK,
        Nfs3Context.post(linked.attributes(), call.ref(0)),
        Nfs3Context.after(linked.directory(), call.ref(1)));
  }

  @Override
  public Nfs3Res failure(int nfsstat3) {
    return new LINK3res(nfsstat3, PostOpAttr.ABSENT, WccData.EMPTY);
  }
}
