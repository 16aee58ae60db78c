package org.ferryfs.smb.server;

import org.ferryfs.frontend.FileRef;

/**
 * [MS-SMB2] 3.3.1.10 Per Tree Connect.
 *
 * @param id TreeId
 * @param share the share (export) name, or {@code IPC$}
 * @param root the export's root, {@code null} for IPC$
 * @param readOnly the export is read-only
 */
record TreeConnect(int id, String share, FileRef root, boolean readOnly) {
  boolean isIpc() {
    return root == null;
  }
}
