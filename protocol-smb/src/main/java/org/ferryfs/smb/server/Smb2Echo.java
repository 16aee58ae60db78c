package org.ferryfs.smb.server;

import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.Smb2EmptyMessage;
import org.ferryfs.smb.wire.WireException;

/** [MS-SMB2] 3.3.5.12 Receiving an SMB2 ECHO Request. */
final class Smb2Echo implements Smb2Handler {
  @Override
  public Smb2Reply handle(Smb2Request r) throws WireException {
    Smb2EmptyMessage.decode(r.reader, "ECHO");
    ByteWriter w = new ByteWriter(4);
    Smb2EmptyMessage.encode(w);
    return Smb2Reply.ok(w);
  }
}
