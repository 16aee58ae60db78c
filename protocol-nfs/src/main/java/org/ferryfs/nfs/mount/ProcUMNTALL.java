package org.ferryfs.nfs.mount;

import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.nfs.rpc.RpcCallContext;
import org.ferryfs.nfs.rpc.RpcProcedure;
import org.ferryfs.nfs.xdr.Empty;
import org.ferryfs.nfs.xdr.XdrType;

/** RFC 1813 §5.2.4 MOUNTPROC3_UMNTALL: drops all of the caller's entries; answers void. */
final class ProcUMNTALL implements RpcProcedure<Empty> {
  private final MountContext c;

  ProcUMNTALL(MountContext c) {
    this.c = c;
  }

  @Override
  public String name() {
    return "UMNTALL";
  }

  @Override
  public Empty decode(XdrDecodingStream in) {
    return Empty.INSTANCE;
  }

  @Override
  public XdrType execute(RpcCallContext context, Empty args) {
    c.mounts().removeAll(MountContext.host(context));
    return Empty.INSTANCE;
  }

  @Override
  public XdrType failure(BackendStatus status) {
    return Empty.INSTANCE;
  }
}
