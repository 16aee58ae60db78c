package org.ferryfs.nfs.v3;

import org.ferryfs.backend.BackendException;
import org.ferryfs.frontend.Renamed;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;
import org.ferryfs.nfs.v3.xdr.RENAME3args;
import org.ferryfs.nfs.v3.xdr.RENAME3res;
import org.ferryfs.nfs.v3.xdr.WccData;

/** RFC 1813 §3.3.14 NFSPROC3_RENAME: renames with POSIX semantics. */
final class ProcRENAME implements Nfs3Handler<RENAME3args> {
  private final Nfs3Context c;

  ProcRENAME(Nfs3Context c) {
    this.c = c;
  }

  @Override
  public Nfs3Res execute(Nfs3Call call, RENAME3args args) throws BackendException {
    Renamed r =
        c.files()
            .rename(call.caller(), call.ref(0), args.from().name(), call.ref(1), args.to().name());
    return new RENAME3res(
        Nfsstat3.NFS3_OK,
        Nfs3Context.after(r.fromDirectory(), call.ref(0)),
        Nfs3Context.after(r.toDirectory(), call.ref(1)));
  }

  @Override
  public Nfs3Res failure(int nfsstat3) {
    return new RENAME3res(nfsstat3, WccData.EMPTY, WccData.EMPTY);
  }
}
