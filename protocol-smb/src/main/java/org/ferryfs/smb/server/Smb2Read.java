package org.ferryfs.smb.server;

import java.nio.ByteBuffer;
import org.ferryfs.backend.BackendException;
import org.ferryfs.frontend.ReadResult;
import org.ferryfs.smb.wire.AccessMask;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.NtStatus;
import org.ferryfs.smb.wire.Smb2ReadRequest;
import org.ferryfs.smb.wire.Smb2ReadResponse;
import org.ferryfs.smb.wire.WireException;

/** [MS-SMB2] 3.3.5.12 Receiving an SMB2 READ Request. */
final class Smb2Read implements Smb2Handler {
  private final ServerContext server;

  Smb2Read(ServerContext server) {
    this.server = server;
  }

  @Override
  public Smb2Reply handle(Smb2Request r) throws WireException, SmbException, BackendException {
    Smb2ReadRequest req = Smb2ReadRequest.decode(r.reader);
    Open o = r.open(req.fileId());
    if (o.pipe != null) {
      return readPipe(o, req);
    }
    if (o.directory) {
      throw new SmbException(NtStatus.STATUS_INVALID_DEVICE_REQUEST, "READ of a directory");
    }
    if (!AccessMask.anyOf(o.access, AccessMask.FILE_READ_DATA | AccessMask.FILE_EXECUTE)) {
      // [MS-SMB2] 3.3.5.12: the open must have been granted FILE_READ_DATA (or FILE_EXECUTE)
      throw new SmbException(NtStatus.STATUS_ACCESS_DENIED, "READ without FILE_READ_DATA");
    }
    int max = r.connection.dialect == 0x0202 ? SmbLimits.MAX_IO_2_0_2 : SmbLimits.MAX_IO;
    if (req.length() > max) {
      throw new SmbException(
          NtStatus.STATUS_INVALID_PARAMETER, "READ of " + req.length() + " bytes");
    }
    byte[] data = new byte[(int) req.length()];
    ReadResult res = server.files.read(r.caller(), o.ref, req.offset(), ByteBuffer.wrap(data));
    if ((res.count() == 0 && req.length() > 0) || res.count() < req.minimumCount()) {
      throw new SmbException(NtStatus.STATUS_END_OF_FILE, "end of file");
    }
    ByteWriter w = new ByteWriter(16 + res.count());
    Smb2ReadResponse.encode(w, data, 0, res.count());
    return Smb2Reply.ok(w);
  }

  /**
   * A READ of a named pipe in message mode: what waits of the last reply, STATUS_BUFFER_OVERFLOW if
   * more remains ([MS-FSCC] pipe semantics), STATUS_PIPE_EMPTY if nothing does.
   */
  private static Smb2Reply readPipe(Open o, Smb2ReadRequest req) throws SmbException {
    if (o.pipe.pending() == 0) {
      throw new SmbException(NtStatus.STATUS_PIPE_EMPTY, "nothing to read on the pipe");
    }
    byte[] data = o.pipe.read((int) Math.min(req.length(), SmbLimits.MAX_IO));
    ByteWriter w = new ByteWriter(16 + data.length);
    Smb2ReadResponse.encode(w, data, 0, data.length);
    return Smb2Reply.of(
        o.pipe.pending() > 0 ? NtStatus.STATUS_BUFFER_OVERFLOW : NtStatus.STATUS_SUCCESS, w);
  }
}
