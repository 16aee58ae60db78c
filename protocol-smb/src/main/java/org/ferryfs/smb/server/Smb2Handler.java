package org.ferryfs.smb.server;

import org.ferryfs.backend.BackendException;
import org.ferryfs.smb.wire.WireException;

/**
 * One SMB2 command ([MS-SMB2] 3.3.5.x): decodes its request, runs it, encodes its reply. The
 * dispatcher has checked what the {@link DispatchTable} declares before calling; every exception is
 * turned into an error reply by the dispatcher alone.
 */
interface Smb2Handler {
  Smb2Reply handle(Smb2Request request) throws WireException, SmbException, BackendException;
}
