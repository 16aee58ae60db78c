package org.ferryfs.smb.server;

import org.ferryfs.smb.wire.ByteReader;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.NtStatus;
import org.ferryfs.smb.wire.Smb2IoctlRequest;
import org.ferryfs.smb.wire.Smb2IoctlResponse;
import org.ferryfs.smb.wire.WireException;

/**
 * [MS-SMB2] 3.3.5.15 Receiving an SMB2 IOCTL Request. FSCTL_VALIDATE_NEGOTIATE_INFO (3.3.5.15.12)
 * and FSCTL_PIPE_TRANSCEIVE (3.3.5.15.1) are served; the rest answer STATUS_NOT_SUPPORTED.
 */
final class Smb2Ioctl implements Smb2Handler {
  @Override
  public Smb2Reply handle(Smb2Request r) throws WireException, SmbException {
    Smb2IoctlRequest req = Smb2IoctlRequest.decode(r.reader);
    if (req.ctlCode() == Smb2IoctlRequest.FSCTL_PIPE_TRANSCEIVE) {
      return transceive(r, req);
    }
    if (req.ctlCode() != Smb2IoctlRequest.FSCTL_VALIDATE_NEGOTIATE_INFO) {
      // [MS-SMB2] 3.3.5.15: every FSCTL but the connection-wide ones names an open; one that
      // names none fails with STATUS_FILE_CLOSED before the code is looked at.
      r.open(req.fileId());
      throw new SmbException(
          NtStatus.STATUS_NOT_SUPPORTED, "ioctl 0x" + Integer.toHexString(req.ctlCode()));
    }
    SmbConnection c = r.connection;
    if (c.dialect == 0x0311) {
      c.close(); // 3.1.1 relies on preauth integrity instead; [MS-SMB2] 3.3.5.15.12
      throw new SmbException(NtStatus.STATUS_ACCESS_DENIED, "VALIDATE_NEGOTIATE_INFO on 3.1.1");
    }
    ByteReader in = new ByteReader(req.input());
    int caps = in.i32();
    byte[] guid = in.bytes(16);
    int securityMode = in.u16();
    int count = in.u16();
    int best = 0;
    for (int i = 0; i < count; i++) {
      int d = in.u16();
      for (int s : Smb2Negotiate.DIALECTS) {
        if (s == d && d > best) {
          best = d;
        }
      }
    }
    if (caps != c.clientCapabilities
        || !java.util.Arrays.equals(guid, c.clientGuid)
        || securityMode != c.clientSecurityMode
        || best != c.dialect) {
      c.close(); // [MS-SMB2] 3.3.5.15.12: a mismatch terminates the connection
      throw new SmbException(NtStatus.STATUS_ACCESS_DENIED, "negotiation was tampered with");
    }
    ByteWriter out =
        new ByteWriter(24)
            .i32(c.serverCapabilities)
            .bytes(r.connection.server.serverGuid)
            .u16(c.serverSecurityMode)
            .u16(c.dialect);
    ByteWriter w = new ByteWriter(80);
    Smb2IoctlResponse.encode(w, req.ctlCode(), req.fileId(), out.toByteArray());
    return Smb2Reply.ok(w);
  }

  /**
   * [MS-SMB2] 3.3.5.15.1 FSCTL_PIPE_TRANSCEIVE: writes the input to the pipe and answers with up to
   * MaxOutputResponse bytes of its reply; STATUS_BUFFER_OVERFLOW says more is left to READ.
   */
  private static Smb2Reply transceive(Smb2Request r, Smb2IoctlRequest req)
      throws WireException, SmbException {
    Open o = r.open(req.fileId());
    if (o.pipe == null) {
      throw new SmbException(NtStatus.STATUS_INVALID_DEVICE_REQUEST, "transceive on a file");
    }
    byte[] out =
        o.pipe.transceive(req.input(), (int) Math.min(req.maxOutputResponse(), SmbLimits.MAX_IO));
    ByteWriter w = new ByteWriter(64 + out.length);
    Smb2IoctlResponse.encode(w, req.ctlCode(), o.fileId, out);
    return Smb2Reply.of(
        o.pipe.pending() > 0 ? NtStatus.STATUS_BUFFER_OVERFLOW : NtStatus.STATUS_SUCCESS, w);
  }
}
