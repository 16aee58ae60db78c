package org.ferryfs.smb.server;

import java.util.ArrayList;
import java.util.List;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.FileAttributes;
import org.ferryfs.backend.SetAttributes;
import org.ferryfs.frontend.CreateMode;
import org.ferryfs.frontend.Created;
import org.ferryfs.frontend.DirPage;
import org.ferryfs.frontend.ExportView;
import org.ferryfs.frontend.FileRef;
import org.ferryfs.smb.rpc.NetrShareEnum;
import org.ferryfs.smb.rpc.RpcPipe;
import org.ferryfs.smb.rpc.Srvsvc;
import org.ferryfs.smb.wire.ByteWriter;
import org.ferryfs.smb.wire.FileInfo;
import org.ferryfs.smb.wire.NtStatus;
import org.ferryfs.smb.wire.Smb2CreateRequest;
import org.ferryfs.smb.wire.Smb2CreateResponse;
import org.ferryfs.smb.wire.Smb2FileId;
import org.ferryfs.smb.wire.WireException;

/**
 * [MS-SMB2] 3.3.5.9 Receiving an SMB2 CREATE Request: resolves the name, applies the disposition
 * ([MS-FSA] 2.1.5.1.2), and records an open under a Ferry-allocated FileId. No oplocks or leases
 * are granted yet (OplockLevel NONE), and create contexts are ignored.
 */
final class Smb2Create implements Smb2Handler {
  /** DesiredAccess DELETE, [MS-SMB2] 2.2.13.1.1. */
  static final int DELETE = 0x00010000;

  private final ServerContext server;

  Smb2Create(ServerContext server) {
    this.server = server;
  }

  @Override
  public Smb2Reply handle(Smb2Request r) throws WireException, SmbException, BackendException {
    Smb2CreateRequest req = Smb2CreateRequest.decode(r.reader);
    if (r.connection.opens.size() >= SmbLimits.MAX_OPENS) {
      throw new SmbException(NtStatus.STATUS_INSUFFICIENT_RESOURCES, "too many opens");
    }
    if (req.impersonationLevel() < 0
        || req.impersonationLevel() > Smb2CreateRequest.IMPERSONATION_DELEGATE) {
      // [MS-SMB2] 3.3.5.9: an ImpersonationLevel not defined in 2.2.13
      throw new SmbException(
          NtStatus.STATUS_BAD_IMPERSONATION_LEVEL,
          "ImpersonationLevel " + req.impersonationLevel());
    }
    if (r.tree.isIpc()) {
      return openPipe(r, req);
    }
    if (req.name().startsWith("\\") && !r.header.isDfs()) {
      // [MS-SMB2] 3.3.5.9: a name that begins with a path separator is invalid
      throw new SmbException(NtStatus.STATUS_INVALID_PARAMETER, "name with a leading separator");
    }
    int options = req.createOptions();
    boolean wantDir = (options & Smb2CreateRequest.FILE_DIRECTORY_FILE) != 0;
    boolean wantFile = (options & Smb2CreateRequest.FILE_NON_DIRECTORY_FILE) != 0;
    boolean deleteOnClose = (options & Smb2CreateRequest.FILE_DELETE_ON_CLOSE) != 0;
    if (wantDir && wantFile) {
      throw new SmbException(NtStatus.STATUS_INVALID_PARAMETER, "both directory and non-directory");
    }
    int granted = org.ferryfs.smb.wire.AccessMask.granted(req.desiredAccess());
    if (deleteOnClose && (granted & DELETE) == 0) {
      throw new SmbException(
          NtStatus.STATUS_ACCESS_DENIED, "delete-on-close without DELETE access");
    }
    var files = server.files;
    var caller = r.caller();
    SharePath p = SharePath.resolve(files, caller, r.tree.root(), req.name());
    int disposition = req.createDisposition();
    int action;
    FileRef ref;
    FileAttributes attrs;
    if (p.found() != null) {
      ref = p.found().ref();
      attrs = p.found().attributes();
      if (disposition == Smb2CreateRequest.FILE_CREATE) {
        throw new SmbException(NtStatus.STATUS_OBJECT_NAME_COLLISION, "exists: " + p.path());
      }
      if (wantDir && !attrs.isDirectory()) {
        throw new SmbException(NtStatus.STATUS_NOT_A_DIRECTORY, "not a directory: " + p.path());
      }
      if (wantFile && attrs.isDirectory()) {
        throw new SmbException(NtStatus.STATUS_FILE_IS_A_DIRECTORY, "a directory: " + p.path());
      }
      switch (disposition) {
        case Smb2CreateRequest.FILE_SUPERSEDE,
            Smb2CreateRequest.FILE_OVERWRITE,
            Smb2CreateRequest.FILE_OVERWRITE_IF -> {
          if (attrs.isDirectory()) {
            throw new SmbException(NtStatus.STATUS_INVALID_PARAMETER, "overwrite of a directory");
          }
          attrs = files.setattr(caller, ref, SetAttributes.NONE.withSize(0L), null);
          action =
              disposition == Smb2CreateRequest.FILE_SUPERSEDE
                  ? Smb2CreateResponse.FILE_SUPERSEDED
                  : Smb2CreateResponse.FILE_OVERWRITTEN;
        }
        default -> action = Smb2CreateResponse.FILE_OPENED;
      }
    } else {
      if (p.parent() == null) {
        throw new SmbException(NtStatus.STATUS_OBJECT_NAME_INVALID, "the share root");
      }
      if (disposition == Smb2CreateRequest.FILE_OPEN
          || disposition == Smb2CreateRequest.FILE_OVERWRITE) {
        throw new SmbException(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, "no such file: " + p.path());
      }
      Created c =
          wantDir
              ? files.mkdir(caller, p.parent(), p.name(), SetAttributes.mode(0755))
              : files.create(
                  caller, p.parent(), p.name(), CreateMode.GUARDED, SetAttributes.mode(0644), 0);
      ref = c.ref();
      attrs = c.attributes();
      action = Smb2CreateResponse.FILE_CREATED;
    }
    if (deleteOnClose) {
      if (p.parent() == null) {
        throw new SmbException(NtStatus.STATUS_ACCESS_DENIED, "cannot delete the share root");
      }
      if (attrs.isDirectory()) {
        requireEmpty(r, ref);
      }
    }
    Smb2FileId id = new Smb2FileId(server.newPersistentId(), r.connection.newVolatileId());
    Open o =
        new Open(
            id,
            r.session.id,
            r.tree.id(),
            ref,
            attrs.isDirectory(),
            granted,
            p.parent(),
            p.name(),
            p.path());
    o.deleteOnClose = deleteOnClose;
    r.connection.opens.put(id.volatileId(), o);
    ByteWriter w = new ByteWriter(96);
    new Smb2CreateResponse(0, action, SharePath.info(attrs, r.tree.readOnly()), id).encode(w);
    return Smb2Reply.ok(w).withFileId(id);
  }

  /**
   * [MS-SMB2] 3.3.5.9: a CREATE on IPC$ opens a named pipe; only {@code srvsvc} exists ([MS-SRVS]
   * share enumeration), answered by a DCE/RPC endpoint of its own.
   */
  private Smb2Reply openPipe(Smb2Request r, Smb2CreateRequest req) throws SmbException {
    String name = req.name();
    while (name.startsWith("\\")) {
      name = name.substring(1);
    }
    if (name.regionMatches(true, 0, "PIPE\\", 0, 5)) {
      name = name.substring(5);
    }
    if (!name.equalsIgnoreCase("srvsvc")) {
      throw new SmbException(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND, "no pipe " + req.name());
    }
    Smb2FileId id = new Smb2FileId(server.newPersistentId(), r.connection.newVolatileId());
    Open o =
        new Open(id, r.session.id, r.tree.id(), null, false, req.desiredAccess(), null, name, name);
    o.pipe = new RpcPipe(new Srvsvc(this::shares));
    r.connection.opens.put(id.volatileId(), o);
    FileInfo info = new FileInfo(0, 0, 0, 0, 4096, 0, FileInfo.FILE_ATTRIBUTE_NORMAL, 0, 1, false);
    ByteWriter w = new ByteWriter(96);
    new Smb2CreateResponse(0, Smb2CreateResponse.FILE_OPENED, info, id).encode(w);
    return Smb2Reply.ok(w).withFileId(id);
  }

  /** The shares NetrShareEnum lists: every export, and IPC$. */
  private List<NetrShareEnum.Share> shares() {
    List<NetrShareEnum.Share> out = new ArrayList<>();
    for (ExportView e : server.files.exports()) {
      out.add(new NetrShareEnum.Share(e.name(), NetrShareEnum.STYPE_DISKTREE, ""));
    }
    out.add(new NetrShareEnum.Share("IPC$", NetrShareEnum.STYPE_IPC_SPECIAL, "IPC Service"));
    return out;
  }

  /** Fails with STATUS_DIRECTORY_NOT_EMPTY unless the directory holds only "." and "..". */
  static void requireEmpty(Smb2Request r, FileRef dir) throws BackendException, SmbException {
    DirPage page = r.connection.server.files.readdir(r.caller(), dir, 0, 0, 3, false);
    for (DirPage.Entry e : page.entries()) {
      if (!e.name().equals(".") && !e.name().equals("..")) {
        throw new SmbException(NtStatus.STATUS_DIRECTORY_NOT_EMPTY, "directory not empty");
      }
    }
  }
}
