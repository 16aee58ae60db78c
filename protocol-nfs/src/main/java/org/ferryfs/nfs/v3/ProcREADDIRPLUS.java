package org.ferryfs.nfs.v3;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.frontend.DirPage;
import org.ferryfs.nfs.v3.xdr.Entryplus3;
import org.ferryfs.nfs.v3.xdr.Nfs3Limits;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;
import org.ferryfs.nfs.v3.xdr.NfsFh3;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;
import org.ferryfs.nfs.v3.xdr.PostOpAttr;
import org.ferryfs.nfs.v3.xdr.PostOpFh3;
import org.ferryfs.nfs.v3.xdr.READDIRPLUS3args;
import org.ferryfs.nfs.v3.xdr.READDIRPLUS3res;

/**
 * RFC 1813 §3.3.17 NFSPROC3_READDIRPLUS: like {@link ProcREADDIR}, with each entry's attributes and
 * handle. Two budgets apply: {@code maxcount} bounds the whole READDIRPLUS3resok (clamped to {@link
 * Nfs3Limits#MAX_DIR_REPLY}) and {@code dircount} the directory information alone (fileid, name,
 * cookie). {@code dircount} is treated as the hint RFC 1813 makes it: the first entry is sent even
 * if it alone exceeds it (some clients send tiny values), {@code maxcount} is never exceeded.
 */
final class ProcREADDIRPLUS implements Nfs3Handler<READDIRPLUS3args> {

  private static final int TYPICAL_DIR_PART = 32;
  private static final int TYPICAL_ENTRY = 32 + PostOpAttr.SIZE + 44;
  private static final int MAX_ESTIMATE = 4096;

  private final Nfs3Context c;

  ProcREADDIRPLUS(Nfs3Context c) {
    this.c = c;
  }

  @Override
  public Nfs3Res execute(Nfs3Call call, READDIRPLUS3args args) throws BackendException {
    int maxcount = (int) Math.min(args.maxcount(), Nfs3Limits.MAX_DIR_REPLY);
    int dircount = (int) Math.min(args.dircount(), maxcount);
    int used = READDIRPLUS3res.EMPTY_OK_SIZE;
    if (maxcount < used) {
      throw new BackendException(
          BackendStatus.TOO_SMALL, "READDIRPLUS maxcount " + args.maxcount() + " holds no reply");
    }
    int estimate =
        Math.clamp(
            Math.min(dircount / TYPICAL_DIR_PART, (maxcount - used) / TYPICAL_ENTRY),
            1,
            MAX_ESTIMATE);
    DirPage page =
        c.files()
            .readdir(call.caller(), call.ref(), args.cookie(), args.cookieverf(), estimate, true);
    List<Entryplus3> entries = new ArrayList<>(page.entries().size());
    int dirUsed = 0;
    for (DirPage.Entry e : page.entries()) {
      int nameBytes = e.name().getBytes(StandardCharsets.UTF_8).length;
      NfsFh3 fh = c.fh(e.ref());
      int size = Entryplus3.size(nameBytes, e.attributes() != null, fh.data().length);
      int dirSize = Entryplus3.dirSize(nameBytes);
      if (used + size > maxcount || (!entries.isEmpty() && dirUsed + dirSize > dircount)) {
        break;
      }
      used += size;
      dirUsed += dirSize;
      entries.add(
          new Entryplus3(
              e.fileId(),
              e.name(),
              e.cookie(),
              Nfs3Context.post(e.attributes(), e.ref()),
              new PostOpFh3(fh)));
    }
    if (entries.isEmpty() && !page.entries().isEmpty()) {
      throw new BackendException(
          BackendStatus.TOO_SMALL, "READDIRPLUS maxcount " + args.maxcount() + " holds no entry");
    }
    boolean eof = page.eof() && entries.size() == page.entries().size();
    return new READDIRPLUS3res(
        Nfsstat3.NFS3_OK,
        Nfs3Context.post(page.directory(), call.ref()),
        page.verifier(),
        entries,
        eof);
  }

  @Override
  public Nfs3Res failure(int nfsstat3) {
    return READDIRPLUS3res.fail(nfsstat3, PostOpAttr.ABSENT);
  }
}
