package org.ferryfs.core.fs;

import org.ferryfs.core.ExportContext;

/**
 * A resolved reference: the export (as routed now), the object id, and its export-relative path.
 */
record Target(ExportContext export, long objectId, String path) {

  /** The export-relative path of {@code name} in this directory. */
  String child(String name) {
    return NameRules.child(path, name);
  }

  int exportIndex() {
    return export.index();
  }
}
