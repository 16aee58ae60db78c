package org.ferryfs.nfs.rpc;

/** One version of one ONC RPC program (RFC 5531 §7): a table of procedures by number. */
public interface RpcProgram {

  /** Program number (e.g. 100003 for NFS). */
  int number();

  /** The version this object serves. */
  int version();

  /** The program's name, for logs ("NFS", "MOUNT"). */
  String name();

  /** The procedure with this number, or {@code null} (answered PROC_UNAVAIL). */
  RpcProcedure<?> procedure(int procedure);
}
