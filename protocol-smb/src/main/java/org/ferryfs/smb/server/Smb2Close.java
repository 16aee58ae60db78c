package org.ferryfs.smb.server;

import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.frontend.Caller;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.Smb2CloseRequest;
import org.ferryfs.smb.wire.Smb2CloseResponse;
import org.ferryfs.smb.wire.WireException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** [MS-SMB2] 3.3.5.10 Receiving an SMB2 CLOSE Request; delete-on-close happens here. */
final class Smb2Close implements Smb2Handler {
  private static final Logger LOG = LoggerFactory.getLogger(Smb2Close.class);

  private final ServerContext server;

  Smb2Close(ServerContext server) {
    this.server = server;
  }

  @Override
  public Smb2Reply handle(Smb2Request r) throws WireException, SmbException, BackendException {
    Smb2CloseRequest req = Smb2CloseRequest.decode(r.reader);
    Open o = r.open(req.fileId());
    FileAttributes after = null;
    if ((req.flags() & Smb2CloseRequest.POSTQUERY_ATTRIB) != 0
        && !o.deleteOnClose
        && o.pipe == null) {
      after = server.files.getattr(r.caller(), o.ref);
    }
    r.connection.opens.remove(o.fileId.volatileId());
    if (o.deleteOnClose) {
      delete(server, r.caller(), o);
    }
    ByteWriter w = new ByteWriter(64);
    new Smb2CloseResponse(after == null ? null : SharePath.info(after, r.tree.readOnly()))
        .encode(w);
    return Smb2Reply.ok(w);
  }

  private static void delete(ServerContext server, Caller caller, Open o) throws BackendException {
    if (o.directory) {
      server.files.rmdir(caller, o.parent, o.name);
    } else {
      server.files.remove(caller, o.parent, o.name);
    }
  }

  /** Drops an open without a CLOSE (logoff, tree disconnect, lost connection). */
  static void release(ServerContext server, SmbConnection c, Caller caller, Open o) {
    c.opens.remove(o.fileId.volatileId());
    if (o.deleteOnClose && caller != null) {
      try {
        delete(server, caller, o);
      } catch (BackendException e) {
        LOG.info("delete-on-close of {} failed: {}", o.path, e.getMessage());
      }
    }
  }
}
