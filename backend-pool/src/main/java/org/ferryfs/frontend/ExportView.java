package org.ferryfs.frontend;

import java.util.List;

/**
 * An export as a front end sees it.
 *
 * @param name the export's name; NFS clients mount {@code /name}, SMB clients see share {@code
 *     name}
 * @param exportIndex the export's index, as carried in {@link FileRef}s
 * @param root the export's root directory
 * @param readOnly clients may not modify anything
 * @param clients the access rule (addresses or CIDRs); empty means everyone
 */
public record ExportView(
    String name, int exportIndex, FileRef root, boolean readOnly, List<String> clients) {
  public ExportView {
    clients = List.copyOf(clients);
  }
}
