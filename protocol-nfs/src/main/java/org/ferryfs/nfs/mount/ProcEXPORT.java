package org.ferryfs.nfs.mount;

import java.util.ArrayList;
import java.util.List;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.frontend.ExportView;
import org.ferryfs.nfs.mount.xdr.Exportnode;
import org.ferryfs.nfs.rpc.RpcCallContext;
import org.ferryfs.nfs.rpc.RpcProcedure;
import org.ferryfs.nfs.xdr.Empty;
import org.ferryfs.nfs.xdr.XdrType;

/**
 * RFC 1813 §5.2.5 MOUNTPROC3_EXPORT: every export as {@code /name} with its client rule (addresses
 * or CIDRs) as groups; an empty rule lists no group, which clients show as "everyone".
 */
final class ProcEXPORT implements RpcProcedure<Empty> {
  private final MountContext c;

  ProcEXPORT(MountContext c) {
    this.c = c;
  }

  @Override
  public String name() {
    return "EXPORT";
  }

  @Override
  public Empty decode(XdrDecodingStream in) {
    return Empty.INSTANCE;
  }

  @Override
  public XdrType execute(RpcCallContext context, Empty args) {
    List<Exportnode> nodes = new ArrayList<>();
    for (ExportView e : c.files().exports()) {
      nodes.add(new Exportnode("/" + e.name(), e.clients()));
    }
    return new Exportnode.Exports(nodes);
  }

  @Override
  public XdrType failure(BackendStatus status) {
    return null;
  }
}
