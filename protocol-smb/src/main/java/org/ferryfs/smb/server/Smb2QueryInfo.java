package org.ferryfs.smb.server;

import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.FsStats;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.FileInfo;
import org.ferryfs.smb.wire.FsccFileInfo;
import org.ferryfs.smb.wire.NtStatus;
import org.ferryfs.smb.wire.Smb2BufferResponse;
import org.ferryfs.smb.wire.Smb2QueryInfoRequest;
import org.ferryfs.smb.wire.WireException;

/**
 * [MS-SMB2] 3.3.5.20 Receiving an SMB2 QUERY_INFO Request: file (3.3.5.20.1) and file system
 * (3.3.5.20.2) classes; security and quota are not served yet.
 */
final class Smb2QueryInfo implements Smb2Handler {
  private static final int BYTES_PER_SECTOR = 512;
  private static final int SECTORS_PER_UNIT = 8;

  private final ServerContext server;

  Smb2QueryInfo(ServerContext server) {
    this.server = server;
  }

  @Override
  public Smb2Reply handle(Smb2Request r) throws WireException, SmbException, BackendException {
    Smb2QueryInfoRequest req = Smb2QueryInfoRequest.decode(r.reader);
    Open o = r.open(req.fileId());
    ByteWriter b = new ByteWriter(128);
    boolean variable;
    if (req.infoType() == Smb2QueryInfoRequest.INFO_FILE) {
      variable = file(r, o, req.infoClass(), b);
    } else if (req.infoType() == Smb2QueryInfoRequest.INFO_FILESYSTEM) {
      variable = fileSystem(r, o, req.infoClass(), b);
    } else {
      throw new SmbException(NtStatus.STATUS_NOT_SUPPORTED, "info type " + req.infoType());
    }
    byte[] data = b.toByteArray();
    int status = NtStatus.STATUS_SUCCESS;
    if (data.length > req.outputBufferLength()) {
      if (!variable) {
        throw new SmbException(NtStatus.STATUS_INFO_LENGTH_MISMATCH, "output buffer too small");
      }
      data = java.util.Arrays.copyOf(data, (int) req.outputBufferLength());
      status = NtStatus.STATUS_BUFFER_OVERFLOW;
    }
    ByteWriter w = new ByteWriter(data.length + 8);
    Smb2BufferResponse.encode(w, data);
    return Smb2Reply.of(status, w);
  }

  /** Writes a file class; true if it has a variable length. */
  private boolean file(Smb2Request r, Open o, int cls, ByteWriter b)
      throws SmbException, BackendException {
    FileInfo i = SharePath.info(server.files.getattr(r.caller(), o.ref), r.tree.readOnly());
    switch (cls) {
      case FsccFileInfo.FILE_BASIC_INFORMATION -> FsccFileInfo.basic(b, i);
      case FsccFileInfo.FILE_STANDARD_INFORMATION -> FsccFileInfo.standard(b, i, o.deleteOnClose);
      case FsccFileInfo.FILE_INTERNAL_INFORMATION -> b.i64(i.fileId());
      case FsccFileInfo.FILE_EA_INFORMATION -> b.i32(0);
      case FsccFileInfo.FILE_ACCESS_INFORMATION -> b.i32(o.access);
      case FsccFileInfo.FILE_POSITION_INFORMATION -> b.i64(0);
      case FsccFileInfo.FILE_MODE_INFORMATION -> b.i32(0);
      case FsccFileInfo.FILE_ALIGNMENT_INFORMATION -> b.i32(0);
      case FsccFileInfo.FILE_NETWORK_OPEN_INFORMATION -> FsccFileInfo.networkOpen(b, i);
      case FsccFileInfo.FILE_ATTRIBUTE_TAG_INFORMATION -> b.i32(i.attributes()).i32(0);
      case FsccFileInfo.FILE_ALL_INFORMATION -> {
        FsccFileInfo.all(b, i, o.deleteOnClose, o.access, "\\" + o.path);
        return true;
      }
      case FsccFileInfo.FILE_STREAM_INFORMATION -> {
        if (!o.directory) {
          FsccFileInfo.stream(b, i);
        }
        return true;
      }
      default -> throw new SmbException(NtStatus.STATUS_INVALID_INFO_CLASS, "file class " + cls);
    }
    return false;
  }

  private boolean fileSystem(Smb2Request r, Open o, int cls, ByteWriter b)
      throws SmbException, BackendException {
    long unit = (long) BYTES_PER_SECTOR * SECTORS_PER_UNIT;
    switch (cls) {
      case FsccFileInfo.FS_VOLUME_INFORMATION -> {
        FsccFileInfo.volume(b, server.startTime, r.tree.share().hashCode(), r.tree.share());
        return true;
      }
      case FsccFileInfo.FS_SIZE_INFORMATION -> {
        FsStats s = server.files.fsstat(r.caller(), o.ref);
        FsccFileInfo.size(
            b,
            s.totalBytes() / unit,
            s.availableBytes() / unit,
            SECTORS_PER_UNIT,
            BYTES_PER_SECTOR);
      }
      case FsccFileInfo.FS_FULL_SIZE_INFORMATION -> {
        FsStats s = server.files.fsstat(r.caller(), o.ref);
        FsccFileInfo.fullSize(
            b,
            s.totalBytes() / unit,
            s.availableBytes() / unit,
            s.freeBytes() / unit,
            SECTORS_PER_UNIT,
            BYTES_PER_SECTOR);
      }
      case FsccFileInfo.FS_DEVICE_INFORMATION -> FsccFileInfo.device(b);
      case FsccFileInfo.FS_ATTRIBUTE_INFORMATION -> {
        FsccFileInfo.attribute(b, 255);
        return true;
      }
      case FsccFileInfo.FS_SECTOR_SIZE_INFORMATION -> FsccFileInfo.sectorSize(b);
      default -> throw new SmbException(NtStatus.STATUS_INVALID_INFO_CLASS, "fs class " + cls);
    }
    return false;
  }
}
