package org.ferryfs.nfs.mount;

import java.util.List;
import org.ferryfs.nfs.mount.xdr.Mount3Limits;
import org.ferryfs.nfs.rpc.RpcProcedure;
import org.ferryfs.nfs.rpc.RpcProgram;

/**
 * MOUNT version 3 (RFC 1813 §5), program 100005: one class per procedure, indexed by number. Served
 * on the same port as NFS.
 */
public final class MountProgram implements RpcProgram {

  private final List<RpcProcedure<?>> procedures;

  public MountProgram(MountContext context) {
    this.procedures =
        List.of(
            new ProcNULL(), // 0
            new ProcMNT(context), // 1
            new ProcDUMP(context), // 2
            new ProcUMNT(context), // 3
            new ProcUMNTALL(context), // 4
            new ProcEXPORT(context)); // 5
  }

  @Override
  public int number() {
    return Mount3Limits.PROGRAM;
  }

  @Override
  public int version() {
    return Mount3Limits.VERSION;
  }

  @Override
  public String name() {
    return "MOUNT";
  }

  @Override
  public RpcProcedure<?> procedure(int procedure) {
    return procedure >= 0 && procedure < procedures.size() ? procedures.get(procedure) : null;
  }
}
