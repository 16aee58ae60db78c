package org.ferryfs.nfs.v3;

import org.ferryfs.nfs.v3.xdr.NULL3args;
import org.ferryfs.nfs.v3.xdr.NULL3res;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;

/** RFC 1813 §3.3.0 NFSPROC3_NULL: does nothing, answers nothing. */
final class ProcNULL implements Nfs3Handler<NULL3args> {

  @Override
  public Nfs3Res execute(Nfs3Call call, NULL3args args) {
    return NULL3res.INSTANCE;
  }

  @Override
  public Nfs3Res failure(int nfsstat3) {
    return null;
  }
}
