package org.ferryfs.frontend;

import java.util.List;
import org.ferryfs.backend.FileAttributes;

/**
 * One page of a directory listing.
 *
 * <p>Cookies are stable: an entry's cookie does not depend on the page it was returned in, on other
 * entries being added or removed, or on a Ferry restart, so a client that resumes from any cookie
 * it was given never skips or repeats an entry that stayed in the directory. The verifier is
 * constant for a directory as long as its cookies are valid.
 *
 * @param entries the entries, in cookie order
 * @param eof no entries follow the last one
 * @param verifier the cookie verifier to send back with the next request
 * @param directory the directory's attributes
 */
public record DirPage(List<Entry> entries, boolean eof, long verifier, FileAttributes directory) {
  public DirPage {
    entries = List.copyOf(entries);
  }

  /**
   * One listed entry. "." and ".." are included at the start of the first page.
   *
   * @param name the name
   * @param cookie where to resume after this entry; never 0
   * @param fileId Ferry's object id of the entry
   * @param ref the entry's reference (always present)
   * @param attributes the entry's attributes, or {@code null} if not asked for
   */
  public record Entry(
      String name, long cookie, long fileId, FileRef ref, FileAttributes attributes) {}
}
