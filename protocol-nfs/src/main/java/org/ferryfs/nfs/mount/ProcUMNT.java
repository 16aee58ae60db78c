package org.ferryfs.nfs.mount;

import java.io.IOException;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.nfs.mount.xdr.Dirpath;
import org.ferryfs.nfs.rpc.RpcCallContext;
import org.ferryfs.nfs.rpc.RpcProcedure;
import org.ferryfs.nfs.xdr.Empty;
import org.ferryfs.nfs.xdr.XdrType;

/** RFC 1813 §5.2.3 MOUNTPROC3_UMNT: drops the caller's entry for a path; answers void. */
final class ProcUMNT implements RpcProcedure<Dirpath> {
  private final MountContext c;

  ProcUMNT(MountContext c) {
    this.c = c;
  }

  @Override
  public String name() {
    return "UMNT";
  }

  @Override
  public Dirpath decode(XdrDecodingStream in) throws IOException {
    return Dirpath.decode(in);
  }

  @Override
  public XdrType execute(RpcCallContext context, Dirpath args) {
    c.mounts().remove(MountContext.host(context), args.path());
    return Empty.INSTANCE;
  }

  /** UMNT has no status: whatever went wrong, there is nothing left to unmount. */
  @Override
  public XdrType failure(BackendStatus status) {
    return Empty.INSTANCE;
  }
}
