package org.ferryfs.nfs.v3;

import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;
import org.ferryfs.nfs.v3.xdr.RMDIR3args;
import org.ferryfs.nfs.v3.xdr.RMDIR3res;
import org.ferryfs.nfs.v3.xdr.WccData;

/** RFC 1813 §3.3.13 NFSPROC3_RMDIR: removes an empty directory. */
final class ProcRMDIR implements Nfs3Handler<RMDIR3args> {
  private final Nfs3Context c;

  ProcRMDIR(Nfs3Context c) {
    this.c = c;
  }

  @Override
  public Nfs3Res execute(Nfs3Call call, RMDIR3args args) throws BackendException {
    FileAttributes dir = c.files().rmdir(call.caller(), call.ref(), args.object().name());
    return new RMDIR3res(Nfsstat3.NFS3_OK, Nfs3Context.after(dir, call.ref()));
  }

  @Override
  public Nfs3Res failure(int nfsstat3) {
    return new RMDIR3res(nfsstat3, WccData.EMPTY);
  }
}
