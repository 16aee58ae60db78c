package org.ferryfs.smb.server;

import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.SetAttributes;
import org.ferryfs.backend.TimeChange;
import org.ferryfs.smb.wire.ByteReader;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.FileInfo;
import org.ferryfs.smb.wire.FsccFileInfo;
import org.ferryfs.smb.wire.NtStatus;
import org.ferryfs.smb.wire.Smb2SetInfoRequest;
import org.ferryfs.smb.wire.Smb2SetInfoResponse;
import org.ferryfs.smb.wire.WireException;

/**
 * [MS-SMB2] 3.3.5.21 Receiving an SMB2 SET_INFO Request: basic (times), rename, disposition, end of
 * file, allocation (accepted, no effect: allocation is the backend's business).
 */
final class Smb2SetInfo implements Smb2Handler {
  private final ServerContext server;

  Smb2SetInfo(ServerContext server) {
    this.server = server;
  }

  @Override
  public Smb2Reply handle(Smb2Request r) throws WireException, SmbException, BackendException {
    Smb2SetInfoRequest req = Smb2SetInfoRequest.decode(r.reader);
    Open o = r.open(req.fileId());
    if (req.infoType() != 1) {
      throw new SmbException(NtStatus.STATUS_NOT_SUPPORTED, "info type " + req.infoType());
    }
    ByteReader b = new ByteReader(req.buffer());
    switch (req.infoClass()) {
      case FsccFileInfo.FILE_BASIC_INFORMATION -> basic(r, o, b);
      case FsccFileInfo.FILE_RENAME_INFORMATION -> rename(r, o, b);
      case FsccFileInfo.FILE_DISPOSITION_INFORMATION -> {
        requireDeleteAccess(o, "delete disposition");
        boolean delete = b.u8() != 0;
        if (delete) {
          if (o.parent == null) {
            throw new SmbException(NtStatus.STATUS_ACCESS_DENIED, "cannot delete the share root");
          }
          if (o.directory) {
            Smb2Create.requireEmpty(r, o.ref);
          }
        }
        o.deleteOnClose = delete;
      }
      case FsccFileInfo.FILE_END_OF_FILE_INFORMATION -> {
        long size = b.i64();
        if (size < 0 || o.directory) {
          throw new SmbException(NtStatus.STATUS_INVALID_PARAMETER, "end of file " + size);
        }
        server.files.setattr(r.caller(), o.ref, SetAttributes.NONE.withSize(size), null);
      }
      case FsccFileInfo.FILE_ALLOCATION_INFORMATION -> b.i64();
      case FsccFileInfo.FILE_POSITION_INFORMATION -> {
        // [MS-FSCC] 2.4.35: CurrentByteOffset, kept per open and reported back by QUERY_INFO
        long position = b.i64();
        if (position < 0) {
          throw new SmbException(NtStatus.STATUS_INVALID_PARAMETER, "position " + position);
        }
        o.position = position;
      }
      default ->
          throw new SmbException(NtStatus.STATUS_INVALID_INFO_CLASS, "class " + req.infoClass());
    }
    ByteWriter w = new ByteWriter(2);
    Smb2SetInfoResponse.encode(w);
    return Smb2Reply.ok(w);
  }

  /** [MS-FSCC] 2.6 FILE_ATTRIBUTE_TEMPORARY. */
  static final int FILE_ATTRIBUTE_TEMPORARY = 0x00000100;

  /** [MS-FSCC] 2.4.7 FileBasicInformation: a time of 0 or -1 means "do not change". */
  private void basic(Smb2Request r, Open o, ByteReader b)
      throws WireException, SmbException, BackendException {
    b.i64(); // CreationTime: not settable on the backends
    long atime = b.i64();
    long mtime = b.i64();
    b.i64(); // ChangeTime
    int attributes = b.i32(); // no DOS attributes are kept yet, but invalid ones are refused
    // [MS-FSA] 2.1.5.14.2: a directory cannot be TEMPORARY, a file cannot be a DIRECTORY
    if (o.directory && (attributes & FILE_ATTRIBUTE_TEMPORARY) != 0) {
      throw new SmbException(NtStatus.STATUS_INVALID_PARAMETER, "TEMPORARY on a directory");
    }
    if (!o.directory && (attributes & FileInfo.FILE_ATTRIBUTE_DIRECTORY) != 0) {
      throw new SmbException(NtStatus.STATUS_INVALID_PARAMETER, "DIRECTORY on a file");
    }
    TimeChange a = atime > 0 ? TimeChange.to(FileInfo.instant(atime)) : null;
    TimeChange m = mtime > 0 ? TimeChange.to(FileInfo.instant(mtime)) : null;
    if (a != null || m != null) {
      server.files.setattr(r.caller(), o.ref, SetAttributes.NONE.withTimes(a, m), null);
    }
  }

  /** [MS-FSA] 2.1.5.14.3 and 2.1.5.14.11: delete dispositions and renames need DELETE access. */
  private static void requireDeleteAccess(Open o, String what) throws SmbException {
    if ((o.access & org.ferryfs.smb.wire.AccessMask.DELETE) == 0) {
      throw new SmbException(NtStatus.STATUS_ACCESS_DENIED, what + " without DELETE access");
    }
  }

  /** [MS-FSCC] 2.4.37.2 FileRenameInformation for SMB2. */
  private void rename(Smb2Request r, Open o, ByteReader b)
      throws WireException, SmbException, BackendException {
    requireDeleteAccess(o, "rename");
    boolean replace = b.u8() != 0;
    b.skip(7);
    b.i64(); // RootDirectory: must be 0 over SMB2
    long len = b.u32();
    String target = b.utf16(b.position(), len);
    if (o.parent == null) {
      throw new SmbException(NtStatus.STATUS_ACCESS_DENIED, "cannot rename the share root");
    }
    SharePath to = SharePath.resolve(server.files, r.caller(), r.tree.root(), target);
    if (to.parent() == null) {
      throw new SmbException(NtStatus.STATUS_OBJECT_NAME_INVALID, "rename onto the share root");
    }
    if (to.found() != null && !replace && !to.found().ref().equals(o.ref)) {
      throw new SmbException(NtStatus.STATUS_OBJECT_NAME_COLLISION, "exists: " + to.path());
    }
    server.files.rename(r.caller(), o.parent, o.name, to.parent(), to.name());
    o.parent = to.parent();
    o.name = to.name();
    o.path = to.path();
  }
}
