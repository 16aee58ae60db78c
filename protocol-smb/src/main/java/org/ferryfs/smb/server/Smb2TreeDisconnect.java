package org.ferryfs.smb.server;

import java.util.ArrayList;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.Smb2EmptyMessage;
import org.ferryfs.smb.wire.WireException;

/** [MS-SMB2] 3.3.5.8 Receiving an SMB2 TREE_DISCONNECT Request: closes the tree's opens. */
final class Smb2TreeDisconnect implements Smb2Handler {
  @Override
  public Smb2Reply handle(Smb2Request r) throws WireException {
    Smb2EmptyMessage.decode(r.reader, "TREE_DISCONNECT");
    SmbConnection c = r.connection;
    for (Open o : new ArrayList<>(c.opens.values())) {
      if (o.sessionId == r.session.id && o.treeId == r.tree.id()) {
        Smb2Close.release(c.server, c, r.session.caller, o);
      }
    }
    r.session.trees.remove(r.tree.id());
    ByteWriter w = new ByteWriter(4);
    Smb2EmptyMessage.encode(w);
    return Smb2Reply.ok(w);
  }
}
