package org.ferryfs.nfs.v3;

import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.SetAttributes;
import org.ferryfs.frontend.Created;
import org.ferryfs.nfs.v3.xdr.CREATE3args;
import org.ferryfs.nfs.v3.xdr.CREATE3res;
import org.ferryfs.nfs.v3.xdr.Createhow3;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;
import org.ferryfs.nfs.v3.xdr.WccData;

/**
 * RFC 1813 §3.3.8 NFSPROC3_CREATE: UNCHECKED, GUARDED, or EXCLUSIVE with the client's 8-byte
 * verifier passed to the core as a long (the core makes a retransmitted EXCLUSIVE create succeed).
 */
final class ProcCREATE implements Nfs3Handler<CREATE3args> {
  private final Nfs3Context c;

  ProcCREATE(Nfs3Context c) {
    this.c = c;
  }

  @Override
  public Nfs3Res execute(Nfs3Call call, CREATE3args args) throws BackendException {
    Createhow3 how = args.how();
    SetAttributes initial =
        how.attributes() == null ? SetAttributes.NONE : Nfs3Attrs.setAttributes(how.attributes());
    Created created =
        c.files()
            .create(
                call.caller(),
                call.ref(),
                args.where().name(),
                Nfs3Attrs.createMode(how.mode()),
                initial,
                how.verf());
    return CREATE3res.ok(
        c.postOpFh(created.ref()),
        Nfs3Context.post(created.attributes(), created.ref()),
        Nfs3Context.after(created.directory(), call.ref()));
  }

  @Override
  public Nfs3Res failure(int nfsstat3) {
    return CREATE3res.fail(nfsstat3, WccData.EMPTY);
  }
}
