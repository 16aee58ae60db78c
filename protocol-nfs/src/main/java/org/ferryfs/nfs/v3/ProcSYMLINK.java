package org.ferryfs.nfs.v3;

import org.ferryfs.backend.BackendException;
import org.ferryfs.frontend.Created;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;
import org.ferryfs.nfs.v3.xdr.SYMLINK3args;
import org.ferryfs.nfs.v3.xdr.SYMLINK3res;
import org.ferryfs.nfs.v3.xdr.WccData;

/** RFC 1813 §3.3.10 NFSPROC3_SYMLINK: creates a symbolic link holding the target verbatim. */
final class ProcSYMLINK implements Nfs3Handler<SYMLINK3args> {
  private final Nfs3Context c;

  ProcSYMLINK(Nfs3Context c) {
    this.c = c;
  }

  @Override
  public Nfs3Res execute(Nfs3Call call, SYMLINK3args args) throws BackendException {
    Created created =
        c.files()
            .symlink(
                call.caller(),
                call.ref(),
                args.where().name(),
                args.data(),
                Nfs3Attrs.setAttributes(args.attributes()));
    return SYMLINK3res.ok(
        c.postOpFh(created.ref()),
        Nfs3Context.post(created.attributes(), created.ref()),
        Nfs3Context.after(created.directory(), call.ref()));
  }

  @Override
  public Nfs3Res failure(int nfsstat3) {
    return SYMLINK3res.fail(nfsstat3, WccData.EMPTY);
  }
}
