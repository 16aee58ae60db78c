package org.ferryfs.nfs.v3;

import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.FileType;
import org.ferryfs.frontend.Created;
import org.ferryfs.nfs.v3.xdr.MKNOD3args;
import org.ferryfs.nfs.v3.xdr.MKNOD3res;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;
import org.ferryfs.nfs.v3.xdr.Specdata3;
import org.ferryfs.nfs.v3.xdr.WccData;

/**
 * RFC 1813 §3.3.11 NFSPROC3_MKNOD: creates a device, socket or FIFO; any other type is
 * NFS3ERR_BADTYPE ("an attempt was made to create an object of a type not supported").
 */
final class ProcMKNOD implements Nfs3Handler<MKNOD3args> {
  private final Nfs3Context c;

  ProcMKNOD(Nfs3Context c) {
    this.c = c;
  }

  @Override
  public Nfs3Res execute(Nfs3Call call, MKNOD3args args) throws BackendException {
    FileType type =
        switch (args.type()) {
          case NF3CHR -> FileType.CHAR_DEVICE;
          case NF3BLK -> FileType.BLOCK_DEVICE;
          case NF3SOCK -> FileType.SOCKET;
          case NF3FIFO -> FileType.FIFO;
          case NF3REG, NF3DIR, NF3LNK -> null;
        };
    if (type == null) {
      return MKNOD3res.fail(Nfsstat3.NFS3ERR_BADTYPE, WccData.EMPTY);
    }
    Specdata3 spec = args.spec() == null ? Specdata3.NONE : args.spec();
    Created created =
        c.files()
            .mknod(
                call.caller(),
                call.ref(),
                args.where().name(),
                type,
                spec.specdata1(),
                spec.specdata2(),
                Nfs3Attrs.setAttributes(args.attributes()));
    return MKNOD3res.ok(
        c.postOpFh(created.ref()),
        Nfs3Context.post(created.attributes(), created.ref()),
        Nfs3Context.after(created.directory(), call.ref()));
  }

  @Override
  public Nfs3Res failure(int nfsstat3) {
    return MKNOD3res.fail(nfsstat3, WccData.EMPTY);
  }
}
