package org.ferryfs.smb.server;

import org.ferryfs.smb.wire.ByteReader;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.NtStatus;
import org.ferryfs.smb.wire.Smb2IoctlRequest;
import org.ferryfs.smb.wire.Smb2IoctlResponse;
import org.ferryfs.smb.wire.WireException;

/**
 * [MS-SMB2] 3.3.5.15 Receiving an SMB2 IOCTL Request. FSCTL_VALIDATE_NEGOTIATE_INFO (3.3.5.15.12)
 * FSCTL_PIPE_TRANSCEIVE (3.3.5.15.1) and server-side copy ({@link SrvCopyChunk}) are served; the
 * rest answer STATUS_NOT_SUPPORTED.
 */
final class Smb2Ioctl implements Smb2Handler {
  static final int FSCTL_GET_COMPRESSION = 0x0009003C;
  static final int FSCTL_CREATE_OR_GET_OBJECT_ID = 0x000900C0;
  static final int FSCTL_SET_COMPRESSION = 0x0009C040;
  static final int FSCTL_QUERY_NETWORK_INTERFACE_INFO = 0x001401FC;
  static final int FSCTL_DFS_GET_REFERRALS = 0x00060194;
  static final int FSCTL_DFS_GET_REFERRALS_EX = 0x000601B0;

  /** [MS-FSCC] 2.3.12 CompressionState COMPRESSION_FORMAT_NONE. */
  static final int COMPRESSION_FORMAT_NONE = 0;

  /**
   * [MS-FSCC] 2.3.3/2.3.4 FSCTL_CREATE_OR_GET_OBJECT_ID: a FILE_OBJECTID_BUFFER (2.1.3.1, 64
   * bytes). Every file already has a permanent identity in Ferry, its proxy object id (the
   * IndexNumber of FileInternalInformation, kept across restarts and moves by the handle map), so
   * the object id is a name-based UUID of the share and that id: the same each time it is asked
   * for, different for every file. BirthVolumeId is the share's volume object id
   * (FileFsObjectIdInformation), BirthObjectId the object id, DomainId zero.
   */
  private static Smb2Reply createOrGetObjectId(Smb2Request r, Smb2IoctlRequest req)
      throws SmbException, org.ferryfs.backend.BackendException {
    Open o = r.open(req.fileId());
    if (o.ref == null) {
      throw new SmbException(NtStatus.STATUS_INVALID_DEVICE_REQUEST, "object id of a pipe");
    }
    if (req.maxOutputResponse() < 64) {
      throw new SmbException(NtStatus.STATUS_INVALID_PARAMETER, "MaxOutputResponse < 64");
    }
    long fileId = r.connection.server.files.getattr(r.caller(), o.ref).fileId();
    byte[] volume = Smb2QueryInfo.shareObjectId(r);
    java.util.UUID id =
        java.util.UUID.nameUUIDFromBytes(
            new ByteWriter(24).bytes(volume).i64(fileId).toByteArray());
    byte[] objectId =
        new ByteWriter(16)
            .i64(id.getMostSignificantBits())
            .i64(id.getLeastSignificantBits())
            .toByteArray();
    byte[] out =
        new ByteWriter(64)
            .bytes(objectId)
            .bytes(volume)
            .bytes(objectId)
            .bytes(new byte[16])
            .toByteArray();
    ByteWriter w = new ByteWriter(128);
    Smb2IoctlResponse.encode(w, req.ctlCode(), o.fileId, out);
    return Smb2Reply.ok(w);
  }

  /**
   * [MS-FSCC] 2.3.11/2.3.12 FSCTL_GET_COMPRESSION: Ferry's volumes do not compress (their
   * FileFsAttributeInformation has no FILE_FILE_COMPRESSION), so every file is
   * COMPRESSION_FORMAT_NONE.
   */
  private static Smb2Reply getCompression(Smb2Request r, Smb2IoctlRequest req) throws SmbException {
    Open o = r.open(req.fileId());
    if (req.maxOutputResponse() < 2) {
      throw new SmbException(NtStatus.STATUS_INVALID_PARAMETER, "MaxOutputResponse < 2");
    }
    ByteWriter w = new ByteWriter(72);
    Smb2IoctlResponse.encode(
        w, req.ctlCode(), o.fileId, new ByteWriter(2).u16(COMPRESSION_FORMAT_NONE).toByteArray());
    return Smb2Reply.ok(w);
  }

  /**
   * [MS-FSCC] 2.3.67 FSCTL_SET_COMPRESSION: setting COMPRESSION_FORMAT_NONE on a volume that does
   * not compress changes nothing and succeeds; any other format is STATUS_NOT_SUPPORTED.
   */
  private static Smb2Reply setCompression(Smb2Request r, Smb2IoctlRequest req)
      throws SmbException, WireException {
    Open o = r.open(req.fileId());
    if (req.input().length < 2) {
      throw new SmbException(NtStatus.STATUS_INVALID_PARAMETER, "SET_COMPRESSION input < 2");
    }
    int state = new ByteReader(req.input()).u16();
    if (state != COMPRESSION_FORMAT_NONE) {
      throw new SmbException(NtStatus.STATUS_NOT_SUPPORTED, "compression format " + state);
    }
    ByteWriter w = new ByteWriter(72);
    Smb2IoctlResponse.encode(w, req.ctlCode(), o.fileId, new byte[0]);
    return Smb2Reply.ok(w);
  }

  @Override
  public Smb2Reply handle(Smb2Request r)
      throws WireException, SmbException, org.ferryfs.backend.BackendException {
    Smb2IoctlRequest req = Smb2IoctlRequest.decode(r.reader);
    switch (req.ctlCode()) {
      case Smb2IoctlRequest.FSCTL_PIPE_TRANSCEIVE -> {
        return transceive(r, req);
      }
      case SrvCopyChunk.FSCTL_SRV_REQUEST_RESUME_KEY -> {
        return SrvCopyChunk.resumeKey(r, req);
      }
      case SrvCopyChunk.FSCTL_SRV_COPYCHUNK, SrvCopyChunk.FSCTL_SRV_COPYCHUNK_WRITE -> {
        return SrvCopyChunk.copy(r, req);
      }
      case FSCTL_CREATE_OR_GET_OBJECT_ID -> {
        return createOrGetObjectId(r, req);
      }
      case FSCTL_GET_COMPRESSION -> {
        return getCompression(r, req);
      }
      case FSCTL_SET_COMPRESSION -> {
        return setCompression(r, req);
      }
      case FSCTL_QUERY_NETWORK_INTERFACE_INFO,
          FSCTL_DFS_GET_REFERRALS,
          FSCTL_DFS_GET_REFERRALS_EX ->
          // connection-wide: they name no open; multi-channel and DFS are not served
          throw new SmbException(
              NtStatus.STATUS_NOT_SUPPORTED, "ioctl 0x" + Integer.toHexString(req.ctlCode()));
      default -> {}
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
