package org.ferryfs.smb.server;

import java.util.Locale;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.frontend.DirPage;
import org.ferryfs.frontend.Lookup;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.FsccDirectoryInfo;
import org.ferryfs.smb.wire.NtStatus;
import org.ferryfs.smb.wire.Smb2BufferResponse;
import org.ferryfs.smb.wire.Smb2QueryDirectoryRequest;
import org.ferryfs.smb.wire.WireException;

/**
 * [MS-SMB2] 3.3.5.18 Receiving an SMB2 QUERY_DIRECTORY Request. Entries stream from the facade a
 * page at a time ({@link SmbLimits#DIR_PAGE}); the open keeps the cookie and the entries that did
 * not fit, so memory stays bounded whatever the directory's size.
 *
 * <p>A pattern without wildcards names at most one entry; it is looked up (one facade call) instead
 * of reading the whole directory. Clients send such patterns for every single-file command
 * (smbclient's {@code del NAME}, {@code allinfo}, Windows Explorer's refresh of one file); scanning
 * made deleting the files of an n-entry directory one by one cost O(n²) entries read.
 */
final class Smb2QueryDirectory implements Smb2Handler {
  private final ServerContext server;

  Smb2QueryDirectory(ServerContext server) {
    this.server = server;
  }

  @Override
  public Smb2Reply handle(Smb2Request r) throws WireException, SmbException, BackendException {
    Smb2QueryDirectoryRequest req = Smb2QueryDirectoryRequest.decode(r.reader);
    Open o = r.open(req.fileId());
    if (!o.directory) {
      throw new SmbException(NtStatus.STATUS_INVALID_PARAMETER, "QUERY_DIRECTORY on a file");
    }
    if (!FsccDirectoryInfo.supported(req.infoClass())) {
      throw new SmbException(NtStatus.STATUS_INVALID_INFO_CLASS, "class " + req.infoClass());
    }
    int restart = Smb2QueryDirectoryRequest.RESTART_SCANS | Smb2QueryDirectoryRequest.REOPEN;
    boolean first = false;
    if (o.searchPattern == null || (req.flags() & restart) != 0) {
      String pattern = req.pattern().isEmpty() ? "*" : req.pattern();
      o.restartListing(pattern);
      first = true;
      if (isLiteral(pattern)) {
        findLiteral(r, o, pattern);
      }
    } else if (!o.pending.isEmpty()) {
      // Entries read ahead for an earlier response may have been deleted since (smbtorture
      // smb2.dir.fixed): drop them and list again after the last entry actually returned. The
      // core's cookies are stable under deletions, so nothing that stayed is skipped or repeated.
      o.pending.clear();
      o.cookie = o.returnedCookie;
      o.listingEof = false;
    }
    long limit = Math.min(req.outputBufferLength(), SmbLimits.MAX_IO);
    boolean single = (req.flags() & Smb2QueryDirectoryRequest.RETURN_SINGLE_ENTRY) != 0;
    ByteWriter out = new ByteWriter(4096);
    int lastStart = -1;
    int count = 0;
    while (true) {
      DirPage.Entry e = next(r, o);
      if (e == null) {
        break;
      }
      FileAttributes a =
          e.attributes() != null ? e.attributes() : server.files.getattr(r.caller(), e.ref());
      byte[] entry =
          FsccDirectoryInfo.entry(req.infoClass(), e.name(), SharePath.info(a, r.tree.readOnly()));
      int start = (out.position() + 7) & ~7;
      if (start + entry.length > limit) {
        o.pending.addFirst(e);
        break;
      }
      out.align(8);
      if (lastStart >= 0) {
        out.putI32(lastStart, start - lastStart);
      }
      lastStart = start;
      out.bytes(entry);
      o.returnedCookie = e.cookie();
      count++;
      if (single) {
        break;
      }
    }
    if (count == 0) {
      if (!o.pending.isEmpty()) {
        throw new SmbException(
            NtStatus.STATUS_INFO_LENGTH_MISMATCH, "buffer too small for an entry");
      }
      throw new SmbException(
          first ? NtStatus.STATUS_NO_SUCH_FILE : NtStatus.STATUS_NO_MORE_FILES, "no more entries");
    }
    ByteWriter w = new ByteWriter(out.position() + 8);
    Smb2BufferResponse.encode(w, out.toByteArray());
    return Smb2Reply.ok(w);
  }

  /** True if {@code pattern} has none of the wildcards of [MS-FSA] 2.1.4.4 and is not . or ... */
  static boolean isLiteral(String pattern) {
    if (pattern.equals(".") || pattern.equals("..")) {
      return false;
    }
    for (int i = 0; i < pattern.length(); i++) {
      switch (pattern.charAt(i)) {
        case '*', '?', '<', '>', '"' -> {
          return false;
        }
        default -> {}
      }
    }
    return true;
  }

  /**
   * Looks {@code name} up in the open directory; if it exists under exactly that name, it becomes
   * the listing's only entry. Otherwise (absent, a name the backend refuses, or present only in
   * another case, which the case-insensitive scan still finds) the ordinary scan runs, so the
   * answer is the scan's. Failures of the backend itself are not retried by scanning.
   */
  private void findLiteral(Smb2Request r, Open o, String name) throws BackendException {
    Lookup l;
    try {
      l = server.files.lookup(r.caller(), o.ref, name);
    } catch (BackendException e) {
      switch (e.status()) {
        case UNAVAILABLE, TIMED_OUT, DELAY, IO_ERROR, SERVER_FAULT -> throw e;
        default -> {
          return; // the scan decides
        }
      }
    }
    FileAttributes a = l.attributes();
    o.pending.add(new DirPage.Entry(name, 1, a == null ? 0 : a.fileId(), l.ref(), a));
    o.listingEof = true;
  }

  /** The next entry matching the open's pattern, fetching pages as needed; null at the end. */
  private DirPage.Entry next(Smb2Request r, Open o) throws BackendException {
    while (true) {
      DirPage.Entry e = o.pending.pollFirst();
      if (e != null) {
        if (matches(o.searchPattern, e.name())) {
          return e;
        }
        continue;
      }
      if (o.listingEof) {
        return null;
      }
      DirPage page =
          server.files.readdir(r.caller(), o.ref, o.cookie, o.verifier, SmbLimits.DIR_PAGE, true);
      o.pending.addAll(page.entries());
      if (!page.entries().isEmpty()) {
        o.cookie = page.entries().get(page.entries().size() - 1).cookie();
      }
      o.verifier = page.verifier();
      o.listingEof = page.eof() || page.entries().isEmpty();
    }
  }

  /**
   * Case-insensitive match of an SMB search pattern ([MS-FSA] 2.1.4.4): {@code *} and {@code ?},
   * with the DOS wildcards {@code <} {@code >} {@code "} treated as {@code *} {@code ?} {@code .}.
   */
  static boolean matches(String pattern, String name) {
    if (pattern.equals("*")) {
      return true;
    }
    String p =
        pattern.toLowerCase(Locale.ROOT).replace('<', '*').replace('>', '?').replace('"', '.');
    String n = name.toLowerCase(Locale.ROOT);
    return glob(p, 0, n, 0);
  }

  private static boolean glob(String p, int pi, String n, int ni) {
    // iterative matcher with single-star backtracking: linear in practice, no recursion blow-up
    int star = -1;
    int mark = 0;
    while (ni < n.length()) {
      if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == n.charAt(ni))) {
        pi++;
        ni++;
      } else if (pi < p.length() && p.charAt(pi) == '*') {
        star = pi++;
        mark = ni;
      } else if (star >= 0) {
        pi = star + 1;
        ni = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length() && p.charAt(pi) == '*') {
      pi++;
    }
    return pi == p.length();
  }
}
