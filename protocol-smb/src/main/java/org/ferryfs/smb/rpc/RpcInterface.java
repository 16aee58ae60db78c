package org.ferryfs.smb.rpc;

import org.ferryfs.smb.wire.WireException;

/** One DCE/RPC interface served on a named pipe: its syntax id and its operations by opnum. */
public interface RpcInterface {
  /** The pipe name as a client opens it on IPC$ (e.g. {@code srvsvc}). */
  String pipeName();

  /** The abstract syntax UUID in wire form ({@link RpcPdu#uuid}). */
  byte[] uuid();

  /** The interface's major version. */
  int majorVersion();

  /**
   * Runs operation {@code opnum} on an NDR-encoded request stub and returns the response stub.
   *
   * @throws RpcFault for an unknown opnum (nca_s_op_rng_error) or another fault
   * @throws WireException if the stub is malformed
   */
  byte[] invoke(int opnum, byte[] stub) throws RpcFault, WireException;
}
