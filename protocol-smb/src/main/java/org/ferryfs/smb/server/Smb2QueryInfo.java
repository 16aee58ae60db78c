package org.ferryfs.smb.server;

import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.FsStats;
import org.ferryfs.smb.wire.AccessMask;
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
    int fixed;
    if (req.infoType() == Smb2QueryInfoRequest.INFO_FILE) {
      fixed = file(r, o, req.infoClass(), b);
    } else if (req.infoType() == Smb2QueryInfoRequest.INFO_FILESYSTEM) {
      fixed = fileSystem(r, o, req.infoClass(), b);
    } else {
      throw new SmbException(NtStatus.STATUS_NOT_SUPPORTED, "info type " + req.infoType());
    }
    byte[] data = b.toByteArray();
    int status = NtStatus.STATUS_SUCCESS;
    if (data.length > req.outputBufferLength()) {
      // [MS-SMB2] 3.3.5.20.1/3.3.5.20.2 and [MS-FSCC] 2.4/2.5: a buffer smaller than the class's
      // fixed part is STATUS_INFO_LENGTH_MISMATCH; one that holds the fixed part but not all of
      // the variable part gets what fits and STATUS_BUFFER_OVERFLOW.
      if (req.outputBufferLength() < Math.min(fixed, data.length)) {
        throw new SmbException(NtStatus.STATUS_INFO_LENGTH_MISMATCH, "output buffer too small");
      }
      data = java.util.Arrays.copyOf(data, (int) req.outputBufferLength());
      status = NtStatus.STATUS_BUFFER_OVERFLOW;
    }
    ByteWriter w = new ByteWriter(data.length + 8);
    Smb2BufferResponse.encode(w, data);
    return Smb2Reply.of(status, w);
  }

  /**
   * Writes a file class; returns the size of its fixed part (the C structure with a one-character
   * name, as Windows sizes it), {@link Integer#MAX_VALUE} for a class that is all fixed.
   */
  private int file(Smb2Request r, Open o, int cls, ByteWriter b)
      throws SmbException, BackendException {
    switch (cls) {
      case FsccFileInfo.FILE_BASIC_INFORMATION,
          FsccFileInfo.FILE_ALL_INFORMATION,
          FsccFileInfo.FILE_NETWORK_OPEN_INFORMATION,
          FsccFileInfo.FILE_ATTRIBUTE_TAG_INFORMATION -> {
        // [MS-FSCC] 2.4.7, 2.4.2, 2.4.34, 2.4.6: these need FILE_READ_ATTRIBUTES
        if (!AccessMask.anyOf(o.access, AccessMask.FILE_READ_ATTRIBUTES)) {
          throw new SmbException(
              NtStatus.STATUS_ACCESS_DENIED, "file class " + cls + " without FILE_READ_ATTRIBUTES");
        }
      }
      case FsccFileInfo.FILE_NORMALIZED_NAME_INFORMATION -> {
        if (r.connection.dialect < 0x0311) {
          // [MS-SMB2] 3.3.5.20.1: FileNormalizedNameInformation needs dialect 3.1.1
          throw new SmbException(NtStatus.STATUS_NOT_SUPPORTED, "normalized name before 3.1.1");
        }
      }
      case FsccFileInfo.FILE_ALTERNATE_NAME_INFORMATION ->
          // Ferry generates no 8.3 short names; a volume without them answers this way.
          throw new SmbException(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, "no 8.3 short name");
      default -> {}
    }
    FileInfo i = SharePath.info(server.files.getattr(r.caller(), o.ref), r.tree.readOnly());
    switch (cls) {
      case FsccFileInfo.FILE_BASIC_INFORMATION -> FsccFileInfo.basic(b, i);
      case FsccFileInfo.FILE_STANDARD_INFORMATION -> FsccFileInfo.standard(b, i, o.deleteOnClose);
      case FsccFileInfo.FILE_INTERNAL_INFORMATION -> b.i64(i.fileId());
      case FsccFileInfo.FILE_EA_INFORMATION -> b.i32(0);
      case FsccFileInfo.FILE_ACCESS_INFORMATION -> b.i32(o.access);
      case FsccFileInfo.FILE_POSITION_INFORMATION -> b.i64(o.position);
      case FsccFileInfo.FILE_MODE_INFORMATION -> b.i32(0);
      case FsccFileInfo.FILE_ALIGNMENT_INFORMATION -> b.i32(0);
      case FsccFileInfo.FILE_NETWORK_OPEN_INFORMATION -> FsccFileInfo.networkOpen(b, i);
      case FsccFileInfo.FILE_ATTRIBUTE_TAG_INFORMATION -> b.i32(i.attributes()).i32(0);
      case FsccFileInfo.FILE_COMPRESSION_INFORMATION -> FsccFileInfo.compression(b, i);
      case FsccFileInfo.FILE_ALL_INFORMATION -> {
        FsccFileInfo.all(b, i, o.deleteOnClose, o.access, o.position, "\\" + o.path);
        return 104;
      }
      case FsccFileInfo.FILE_NORMALIZED_NAME_INFORMATION -> {
        FsccFileInfo.name(b, o.path);
        return 8;
      }
      case FsccFileInfo.FILE_STREAM_INFORMATION -> {
        if (!o.directory) {
          FsccFileInfo.stream(b, i);
        }
        return 32;
      }
      default -> throw new SmbException(NtStatus.STATUS_INVALID_INFO_CLASS, "file class " + cls);
    }
    return Integer.MAX_VALUE;
  }

  /** Writes a file system class; returns the size of its fixed part, as {@link #file} does. */
  private int fileSystem(Smb2Request r, Open o, int cls, ByteWriter b)
      throws SmbException, BackendException {
    long unit = (long) BYTES_PER_SECTOR * SECTORS_PER_UNIT;
    switch (cls) {
      case FsccFileInfo.FS_VOLUME_INFORMATION -> {
        FsccFileInfo.volume(b, server.startTime, r.tree.share().hashCode(), r.tree.share());
        return 24;
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
        return 16;
      }
      case FsccFileInfo.FS_SECTOR_SIZE_INFORMATION -> FsccFileInfo.sectorSize(b);
      case FsccFileInfo.FS_CONTROL_INFORMATION -> FsccFileInfo.controlNoQuotas(b);
      case FsccFileInfo.FS_OBJECT_ID_INFORMATION -> FsccFileInfo.objectId(b, shareObjectId(r));
      default -> throw new SmbException(NtStatus.STATUS_INVALID_INFO_CLASS, "fs class " + cls);
    }
    return Integer.MAX_VALUE;
  }

  /**
   * The volume object id of a share: a name-based UUID of the share name, so it is the same on
   * every Ferry node and across restarts and moves of the export.
   */
  static byte[] shareObjectId(Smb2Request r) {
    java.util.UUID u =
        java.util.UUID.nameUUIDFromBytes(
            ("ferry-share:" + r.tree.share().toLowerCase(java.util.Locale.ROOT))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return new ByteWriter(16)
        .i64(u.getMostSignificantBits())
        .i64(u.getLeastSignificantBits())
        .toByteArray();
  }
}
