package org.ferryfs.nfs.v3;

import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.frontend.PathConf;
import org.ferryfs.nfs.v3.xdr.Nfs3Limits;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;
import org.ferryfs.nfs.v3.xdr.PATHCONF3args;
import org.ferryfs.nfs.v3.xdr.PATHCONF3res;
import org.ferryfs.nfs.v3.xdr.PostOpAttr;

/**
 * RFC 1813 §3.3.20 NFSPROC3_PATHCONF: the export's POSIX limits; name_max is never reported above
 * the {@link Nfs3Limits#NAME_MAX} our decoder accepts.
 */
final class ProcPATHCONF implements Nfs3Handler<PATHCONF3args> {
  private final Nfs3Context c;

  ProcPATHCONF(Nfs3Context c) {
    this.c = c;
  }

  @Override
  public Nfs3Res execute(Nfs3Call call, PATHCONF3args args) throws BackendException {
    PathConf p = c.files().pathconf(call.caller(), call.ref());
    FileAttributes a = c.files().getattr(call.caller(), call.ref());
    return new PATHCONF3res(
        Nfsstat3.NFS3_OK,
        Nfs3Context.post(a, call.ref()),
        p.linkMax(),
        Math.min(p.nameMax(), Nfs3Limits.NAME_MAX),
        p.noTrunc(),
        p.chownRestricted(),
        p.caseInsensitive(),
        p.casePreserving());
  }

  @Override
  public Nfs3Res failure(int nfsstat3) {
    return PATHCONF3res.fail(nfsstat3, PostOpAttr.ABSENT);
  }
}
