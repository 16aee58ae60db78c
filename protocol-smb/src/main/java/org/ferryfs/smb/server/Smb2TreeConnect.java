package org.ferryfs.smb.server;

import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.frontend.ExportView;
import org.ferryfs.frontend.FileRef;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.NtStatus;
import org.ferryfs.smb.wire.Smb2TreeConnectRequest;
import org.ferryfs.smb.wire.Smb2TreeConnectResponse;
import org.ferryfs.smb.wire.WireException;

/** [MS-SMB2] 3.3.5.7 Receiving an SMB2 TREE_CONNECT Request: each export is a share; IPC$ too. */
final class Smb2TreeConnect implements Smb2Handler {
  /** FILE_ALL_ACCESS and FILE_GENERIC_READ|EXECUTE, [MS-SMB2] 2.2.13.1.1. */
  static final int FULL_ACCESS = 0x001F01FF;

  static final int READ_ACCESS = 0x001200A9;

  private final ServerContext server;

  Smb2TreeConnect(ServerContext server) {
    this.server = server;
  }

  @Override
  public Smb2Reply handle(Smb2Request r) throws WireException, SmbException, BackendException {
    Smb2TreeConnectRequest req = Smb2TreeConnectRequest.decode(r.reader);
    String path = req.path();
    int cut = path.lastIndexOf('\\');
    String share = cut < 0 ? path : path.substring(cut + 1);
    if (!path.startsWith("\\\\") || share.isEmpty()) {
      throw new SmbException(NtStatus.STATUS_BAD_NETWORK_NAME, "bad share path " + path);
    }
    if (r.session.trees.size() >= SmbLimits.MAX_TREES) {
      throw new SmbException(NtStatus.STATUS_INSUFFICIENT_RESOURCES, "too many tree connects");
    }
    int id = r.session.newTreeId();
    ByteWriter w = new ByteWriter(16);
    if (share.equalsIgnoreCase("IPC$")) {
      r.session.trees.put(id, new TreeConnect(id, "IPC$", null, true));
      new Smb2TreeConnectResponse(Smb2TreeConnectResponse.SHARE_TYPE_PIPE, 0, 0, READ_ACCESS)
          .encode(w);
      return Smb2Reply.ok(w).withTree(id);
    }
    ExportView export = null;
    for (ExportView e : server.files.exports()) {
      if (e.name().equalsIgnoreCase(share)) {
        export = e;
      }
    }
    if (export == null) {
      throw new SmbException(NtStatus.STATUS_BAD_NETWORK_NAME, "no share " + share);
    }
    FileRef root;
    try {
      root = server.files.mount(r.caller(), "/" + export.name());
    } catch (BackendException e) {
      if (e.status() == BackendStatus.NOT_FOUND) {
        throw new SmbException(NtStatus.STATUS_BAD_NETWORK_NAME, "no share " + share);
      }
      throw e;
    }
    r.session.trees.put(id, new TreeConnect(id, export.name(), root, export.readOnly()));
    new Smb2TreeConnectResponse(
            Smb2TreeConnectResponse.SHARE_TYPE_DISK,
            0,
            0,
            export.readOnly() ? READ_ACCESS : FULL_ACCESS)
        .encode(w);
    return Smb2Reply.ok(w).withTree(id);
  }
}
