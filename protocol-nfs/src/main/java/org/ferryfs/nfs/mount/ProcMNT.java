package org.ferryfs.nfs.mount;

import java.io.IOException;
import org.dcache.oncrpc4j.rpc.RpcAuthType;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.frontend.FileRef;
import org.ferryfs.nfs.mount.xdr.Dirpath;
import org.ferryfs.nfs.mount.xdr.Mountres3;
import org.ferryfs.nfs.rpc.RpcCallContext;
import org.ferryfs.nfs.rpc.RpcProcedure;
import org.ferryfs.nfs.v3.Nfs3Program;
import org.ferryfs.nfs.v3.xdr.NfsFh3;
import org.ferryfs.nfs.xdr.XdrType;

/**
 * RFC 1813 §5.2.1 MOUNTPROC3_MNT: a path ({@code /export} or {@code /export/sub/dir}) to its
 * handle, with the auth flavors we accept (AUTH_SYS). The core checks the export's client rule.
 */
final class ProcMNT implements RpcProcedure<Dirpath> {
  private final MountContext c;

  ProcMNT(MountContext c) {
    this.c = c;
  }

  @Override
  public String name() {
    return "MNT";
  }

  @Override
  public Dirpath decode(XdrDecodingStream in) throws IOException {
    return Dirpath.decode(in);
  }

  @Override
  public XdrType execute(RpcCallContext context, Dirpath args) throws BackendException {
    FileRef root = c.files().mount(Nfs3Program.caller(context), args.path());
    c.mounts().add(MountContext.host(context), args.path());
    return Mountres3.ok(new NfsFh3(c.handles().encode(root)), RpcAuthType.UNIX);
  }

  @Override
  public XdrType failure(BackendStatus status) {
    return Mountres3.fail(MountStatus.of(status));
  }
}
