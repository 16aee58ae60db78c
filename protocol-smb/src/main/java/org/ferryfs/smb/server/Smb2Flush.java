package org.ferryfs.smb.server;

import org.ferryfs.backend.BackendException;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.Smb2EmptyMessage;
import org.ferryfs.smb.wire.Smb2FlushRequest;
import org.ferryfs.smb.wire.WireException;

/** [MS-SMB2] 3.3.5.11 Receiving an SMB2 FLUSH Request: makes earlier writes durable. */
final class Smb2Flush implements Smb2Handler {
  private final ServerContext server;

  Smb2Flush(ServerContext server) {
    this.server = server;
  }

  @Override
  public Smb2Reply handle(Smb2Request r) throws WireException, SmbException, BackendException {
    Open o = r.open(Smb2FlushRequest.decode(r.reader).fileId());
    if (!o.directory) {
      server.files.commit(r.caller(), o.ref, 0, 0);
    }
    ByteWriter w = new ByteWriter(4);
    Smb2EmptyMessage.encode(w);
    return Smb2Reply.ok(w);
  }
}
