package org.ferryfs.nfs.v3;

import org.ferryfs.backend.BackendException;
import org.ferryfs.frontend.Created;
import org.ferryfs.nfs.v3.xdr.MKDIR3args;
import org.ferryfs.nfs.v3.xdr.MKDIR3res;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;
import org.ferryfs.nfs.v3.xdr.WccData;

/** RFC 1813 §3.3.9 NFSPROC3_MKDIR: creates a directory. */
final class ProcMKDIR implements Nfs3Handler<MKDIR3args> {
  private final Nfs3Context c;

  ProcMKDIR(Nfs3Context c) {
    this.c = c;
  }

  @Override
  public Nfs3Res execute(Nfs3Call call, MKDIR3args args) throws BackendException {
    Created created =
        c.files()
            .mkdir(
                call.caller(),
                call.ref(),
                args.where().name(),
                Nfs3Attrs.setAttributes(args.attributes()));
    return MKDIR3res.ok(
        c.postOpFh(created.ref()),
        Nfs3Context.post(created.attributes(), created.ref()),
        Nfs3Context.after(created.directory(), call.ref()));
  }

  @Override
  public Nfs3Res failure(int nfsstat3) {
    return MKDIR3res.fail(nfsstat3, WccData.EMPTY);
  }
}
