package org.ferryfs.nfs.v3;

import org.ferryfs.backend.BackendException;
import org.ferryfs.frontend.Access;
import org.ferryfs.frontend.Granted;
import org.ferryfs.nfs.v3.xdr.ACCESS3args;
import org.ferryfs.nfs.v3.xdr.ACCESS3res;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;
import org.ferryfs.nfs.v3.xdr.PostOpAttr;

/**
 * RFC 1813 §3.3.4 NFSPROC3_ACCESS: which of the asked ACCESS3_* bits the caller has (the bits are
 * the facade's {@link Access} bits). Bits we do not know are never granted; on a read-only export
 * MODIFY, EXTEND and DELETE are never granted either.
 */
final class ProcACCESS implements Nfs3Handler<ACCESS3args> {
  private static final int CHANGES = Access.MODIFY | Access.EXTEND | Access.DELETE;

  private final Nfs3Context c;

  ProcACCESS(Nfs3Context c) {
    this.c = c;
  }

  @Override
  public Nfs3Res execute(Nfs3Call call, ACCESS3args args) throws BackendException {
    int asked = args.access() & Access.ALL;
    Granted granted = c.files().access(call.caller(), call.ref(), asked);
    int mask = granted.mask() & asked;
    if ((mask & CHANGES) != 0 && c.files().export(call.ref()).readOnly()) {
      mask &= ~CHANGES;
    }
    return new ACCESS3res(
        Nfsstat3.NFS3_OK, Nfs3Context.post(granted.attributes(), call.ref()), mask);
  }

  @Override
  public Nfs3Res failure(int nfsstat3) {
    return ACCESS3res.fail(nfsstat3, PostOpAttr.ABSENT);
  }
}
