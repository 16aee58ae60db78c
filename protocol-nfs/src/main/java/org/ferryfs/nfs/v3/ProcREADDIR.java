package org.ferryfs.nfs.v3;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.frontend.DirPage;
import org.ferryfs.nfs.v3.xdr.Entry3;
import org.ferryfs.nfs.v3.xdr.Nfs3Limits;
import org.ferryfs.nfs.v3.xdr.Nfs3Res;
import org.ferryfs.nfs.v3.xdr.Nfsstat3;
import org.ferryfs.nfs.v3.xdr.PostOpAttr;
import org.ferryfs.nfs.v3.xdr.READDIR3args;
import org.ferryfs.nfs.v3.xdr.READDIR3res;

/**
 * RFC 1813 §3.3.16 NFSPROC3_READDIR: one page of a directory within {@code count} bytes (XDR
 * overhead of the whole READDIR3resok included, clamped to {@link Nfs3Limits#MAX_DIR_REPLY}).
 *
 * <p>The core is asked for an estimated number of entries; entries are encoded until the next one
 * would not fit. The client resumes from the last encoded entry's cookie, and since the core's
 * cookies are stable per entry, entries fetched but not sent are simply fetched again later. If not
 * even one entry fits, the answer is NFS3ERR_TOOSMALL. {@code eof} is only reported when the core
 * reached the end and everything it returned was sent. A cookie that does not go with the verifier
 * is the core's NFS3ERR_BAD_COOKIE.
 */
final class ProcREADDIR implements Nfs3Handler<READDIR3args> {

  /** Guess of an entry's encoded size, to estimate how many entries to ask for. */
  private static final int TYPICAL_ENTRY = 40;

  private static final int MAX_ESTIMATE = 4096;

  private final Nfs3Context c;

  ProcREADDIR(Nfs3Context c) {
    this.c = c;
  }

  @Override
  public Nfs3Res execute(Nfs3Call call, READDIR3args args) throws BackendException {
    int budget = (int) Math.min(args.count(), Nfs3Limits.MAX_DIR_REPLY);
    int used = READDIR3res.EMPTY_OK_SIZE;
    if (budget < used) {
      throw new BackendException(
          BackendStatus.TOO_SMALL, "READDIR count " + args.count() + " holds no reply");
    }
    int estimate = Math.clamp((budget - used) / TYPICAL_ENTRY, 1, MAX_ESTIMATE);
    DirPage page =
        c.files()
            .readdir(call.caller(), call.ref(), args.cookie(), args.cookieverf(), estimate, false);
    List<Entry3> entries = new ArrayList<>(page.entries().size());
    for (DirPage.Entry e : page.entries()) {
      int size = Entry3.size(e.name().getBytes(StandardCharsets.UTF_8).length);
      if (used + size > budget) {
        break;
      }
      used += size;
      entries.add(new Entry3(e.fileId(), e.name(), e.cookie()));
    }
    if (entries.isEmpty() && !page.entries().isEmpty()) {
      throw new BackendException(
          BackendStatus.TOO_SMALL, "READDIR count " + args.count() + " holds no entry");
    }
    boolean eof = page.eof() && entries.size() == page.entries().size();
    return new READDIR3res(
        Nfsstat3.NFS3_OK,
        Nfs3Context.post(page.directory(), call.ref()),
        page.verifier(),
        entries,
        eof);
  }

  @Override
  public Nfs3Res failure(int nfsstat3) {
    return READDIR3res.fail(nfsstat3, PostOpAttr.ABSENT);
  }
}
