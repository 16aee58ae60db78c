package org.ferryfs.nfs.mount;

import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.nfs.rpc.RpcCallContext;
import org.ferryfs.nfs.rpc.RpcProcedure;
import org.ferryfs.nfs.xdr.Empty;
import org.ferryfs.nfs.xdr.XdrType;

/** RFC 1813 §5.2.0 MOUNTPROC3_NULL: does nothing. */
final class ProcNULL implements RpcProcedure<Empty> {

  @Override
  public String name() {
    return "NULL";
  }

  @Override
  public Empty decode(XdrDecodingStream in) {
    return Empty.INSTANCE;
  }

  @Override
  public XdrType execute(RpcCallContext context, Empty args) {
    return Empty.INSTANCE;
  }

  @Override
  public XdrType failure(BackendStatus status) {
    return null;
  }
}
