package org.ferryfs.nfs.v3;

import java.time.Instant;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.SetAttributes;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;
import org.ferryfs.nfs.v3.xdr.SETATTR3args;
import org.ferryfs.nfs.v3.xdr.SETATTR3res;
import org.ferryfs.nfs.v3.xdr.WccData;

/**
 * RFC 1813 §3.3.2 NFSPROC3_SETATTR: changes attributes; with a guard, only if the object's ctime
 * still is the client's (else NFS3ERR_NOT_SYNC, from the core).
 */
final class ProcSETATTR implements Nfs3Handler<SETATTR3args> {
  private final Nfs3Context c;

  ProcSETATTR(Nfs3Context c) {
    this.c = c;
  }

  @Override
  public Nfs3Res execute(Nfs3Call call, SETATTR3args args) throws BackendException {
    SetAttributes change = Nfs3Attrs.setAttributes(args.newAttributes());
    Instant guard =
        args.guard().objCtime() == null ? null : Nfs3Attrs.instant(args.guard().objCtime());
    FileAttributes after = c.files().setattr(call.caller(), call.ref(), change, guard);
    return new SETATTR3res(Nfsstat3.NFS3_OK, Nfs3Context.after(after, call.ref()));
  }

  @Override
  public Nfs3Res failure(int nfsstat3) {
    return new SETATTR3res(nfsstat3, WccData.EMPTY);
  }
}
