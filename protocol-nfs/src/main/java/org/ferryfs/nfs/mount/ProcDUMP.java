package org.ferryfs.nfs.mount;

import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.nfs.mount.xdr.Mountbody;
import org.ferryfs.nfs.rpc.RpcCallContext;
import org.ferryfs.nfs.rpc.RpcProcedure;
import org.ferryfs.nfs.xdr.Empty;
import org.ferryfs.nfs.xdr.XdrType;

/** RFC 1813 §5.2.2 MOUNTPROC3_DUMP: the mount list. */
final class ProcDUMP implements RpcProcedure<Empty> {
  private final MountContext c;

  ProcDUMP(MountContext c) {
    this.c = c;
  }

  @Override
  public String name() {
    return "DUMP";
  }

  @Override
  public Empty decode(XdrDecodingStream in) {
    return Empty.INSTANCE;
  }

  @Override
  public XdrType execute(RpcCallContext context, Empty args) {
    return new Mountbody.Mountlist(c.mounts().list());
  }

  @Override
  public XdrType failure(BackendStatus status) {
    return null;
  }
}
