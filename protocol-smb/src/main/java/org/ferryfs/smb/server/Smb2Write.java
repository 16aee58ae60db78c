package org.ferryfs.smb.server;

import java.nio.ByteBuffer;
import org.ferryfs.backend.BackendException;
import org.ferryfs.frontend.WriteResult;
import org.ferryfs.frontend.WriteStability;
import org.ferryfs.smb.wire.AccessMask;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.NtStatus;
import org.ferryfs.smb.wire.Smb2WriteRequest;
import org.ferryfs.smb.wire.Smb2WriteResponse;
import org.ferryfs.smb.wire.WireException;

/** [MS-SMB2] 3.3.5.13 Receiving an SMB2 WRITE Request. */
final class Smb2Write implements Smb2Handler {
  /** Flags: SMB2_WRITEFLAG_WRITE_THROUGH. */
  static final int WRITE_THROUGH = 0x00000001;

  private final ServerContext server;

  Smb2Write(ServerContext server) {
    this.server = server;
  }

  @Override
  public Smb2Reply handle(Smb2Request r) throws WireException, SmbException, BackendException {
    Smb2WriteRequest req = Smb2WriteRequest.decode(r.reader);
    Open o = r.open(req.fileId());
    if (o.pipe != null) {
      o.pipe.write(req.data()); // a malformed DCE/RPC PDU fails the WRITE
      ByteWriter w = new ByteWriter(16);
      Smb2WriteResponse.encode(w, req.data().length);
      return Smb2Reply.ok(w);
    }
    if (o.directory) {
      throw new SmbException(NtStatus.STATUS_INVALID_DEVICE_REQUEST, "WRITE to a directory");
    }
    if (!AccessMask.anyOf(o.access, AccessMask.FILE_WRITE_DATA | AccessMask.FILE_APPEND_DATA)) {
      // [MS-SMB2] 3.3.5.13: the open must have been granted FILE_WRITE_DATA or FILE_APPEND_DATA
      throw new SmbException(NtStatus.STATUS_ACCESS_DENIED, "WRITE without FILE_WRITE_DATA");
    }
    int max = r.connection.dialect == 0x0202 ? SmbLimits.MAX_IO_2_0_2 : SmbLimits.MAX_IO;
    if (req.data().length > max) {
      throw new SmbException(NtStatus.STATUS_INVALID_PARAMETER, "WRITE of " + req.data().length);
    }
    if (req.offset() < 0) {
      throw new SmbException(NtStatus.STATUS_INVALID_PARAMETER, "append writes are not served yet");
    }
    WriteStability s =
        (req.flags() & WRITE_THROUGH) != 0 ? WriteStability.FILE_SYNC : WriteStability.UNSTABLE;
    WriteResult res =
        server.files.write(r.caller(), o.ref, req.offset(), ByteBuffer.wrap(req.data()), s);
    ByteWriter w = new ByteWriter(16);
    Smb2WriteResponse.encode(w, res.count());
    return Smb2Reply.ok(w);
  }
}
