package org.ferryfs.nfs.v3;

import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.nfs.v3.xdr.FSINFO3args;
import org.ferryfs.nfs.v3.xdr.FSINFO3res;
import org.ferryfs.nfs.v3.xdr.Nfs3Limits;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;
import org.ferryfs.nfs.v3.xdr.Nfstime3;
import org.ferryfs.nfs.v3.xdr.PostOpAttr;

/**
 * RFC 1813 §3.3.19 NFSPROC3_FSINFO: our transfer sizes (1 MiB reads and writes, 64 KiB READDIR), 1
 * ns time granularity, and LINK | SYMLINK | HOMOGENEOUS | CANSETTIME.
 */
final class ProcFSINFO implements Nfs3Handler<FSINFO3args> {
  private static final int MULTIPLE = 4096;
  private static final int PROPERTIES =
      FSINFO3res.FSF3_LINK
          | FSINFO3res.FSF3_SYMLINK
          | FSINFO3res.FSF3_HOMOGENEOUS
          | FSINFO3res.FSF3_CANSETTIME;

  private final Nfs3Context c;

  ProcFSINFO(Nfs3Context c) {
    this.c = c;
  }

  @Override
  public Nfs3Res execute(Nfs3Call call, FSINFO3args args) throws BackendException {
    FileAttributes a = c.files().getattr(call.caller(), call.ref());
    return new FSINFO3res(
        Nfsstat3.NFS3_OK,
        Nfs3Context.post(a, call.ref()),
        Nfs3Limits.RTMAX,
        Nfs3Limits.RTMAX,
        MULTIPLE,
        Nfs3Limits.WTMAX,
        Nfs3Limits.WTMAX,
        MULTIPLE,
        Nfs3Limits.DTPREF,
        Long.MAX_VALUE,
        new Nfstime3(0, 1),
        PROPERTIES);
  }

  @Override
  public Nfs3Res failure(int nfsstat3) {
    return FSINFO3res.fail(nfsstat3, PostOpAttr.ABSENT);
  }
}
