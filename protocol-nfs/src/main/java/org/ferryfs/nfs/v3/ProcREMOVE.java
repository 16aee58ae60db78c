package org.ferryfs.nfs.v3;

import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;
import org.ferryfs.nfs.v3.xdr.REMOVE3args;
import org.ferryfs.nfs.v3.xdr.REMOVE3res;
import org.ferryfs.nfs.v3.xdr.WccData;

/** RFC 1813 §3.3.12 NFSPROC3_REMOVE: removes a non-directory name. */
final class ProcREMOVE implements Nfs3Handler<REMOVE3args> {
  private final Nfs3Context c;

  ProcREMOVE(Nfs3Context c) {
    this.c = c;
  }

  @Override
  public Nfs3Res execute(Nfs3Call call, REMOVE3args args) throws BackendException {
    FileAttributes dir = c.files().remove(call.caller(), call.ref(), args.object().name());
    return new REMOVE3res(Nfsstat3.NFS3_OK, Nfs3Context.after(dir, call.ref()));
  }

  @Override
  public Nfs3Res failure(int nfsstat3) {
    return new REMOVE3res(nfsstat3, WccData.EMPTY);
  }
}
