package org.ferryfs.nfs.v3;

import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.FsStats;
import org.ferryfs.nfs.v3.xdr.FSSTAT3args;
import org.ferryfs.nfs.v3.xdr.FSSTAT3res;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;
import org.ferryfs.nfs.v3.xdr.PostOpAttr;

/** RFC 1813 §3.3.18 NFSPROC3_FSSTAT: space and file counts of the export. */
final class ProcFSSTAT implements Nfs3Handler<FSSTAT3args> {
  private final Nfs3Context c;

  ProcFSSTAT(Nfs3Context c) {
    this.c = c;
  }

  @Override
  public Nfs3Res execute(Nfs3Call call, FSSTAT3args args) throws BackendException {
    FsStats s = c.files().fsstat(call.caller(), call.ref());
    FileAttributes a = c.files().getattr(call.caller(), call.ref());
    return new FSSTAT3res(
        Nfsstat3.NFS3_OK,
        Nfs3Context.post(a, call.ref()),
        s.totalBytes(),
        s.freeBytes(),
        s.availableBytes(),
        s.totalFiles(),
        s.freeFiles(),
        s.availableFiles(),
        0);
  }

  @Override
  public Nfs3Res failure(int nfsstat3) {
    return FSSTAT3res.fail(nfsstat3, PostOpAttr.ABSENT);
  }
}
