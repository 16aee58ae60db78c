package org.ferryfs.smb.rpc;

import java.util.List;
import java.util.function.Supplier;
import org.ferryfs.smb.wire.WireException;

/**
 * [MS-SRVS] the srvsvc interface (4b324fc8-1670-01d3-1278-5a47bf6ee188 version 3.0), of which only
 * NetrShareEnum (opnum 15) is served; other opnums fault with nca_s_op_rng_error.
 */
public final class Srvsvc implements RpcInterface {
  static final byte[] UUID = RpcPdu.uuid("4b324fc8-1670-01d3-1278-5a47bf6ee188");

  private final Supplier<List<NetrShareEnum.Share>> shares;

  /**
   * @param shares the shares to list, asked afresh on every call
   */
  public Srvsvc(Supplier<List<NetrShareEnum.Share>> shares) {
    this.shares = shares;
  }

  @Override
  public String pipeName() {
    return "srvsvc";
  }

  @Override
  public byte[] uuid() {
    return UUID.clone();
  }

  @Override
  public int majorVersion() {
    return 3;
  }

  @Override
  public byte[] invoke(int opnum, byte[] stub) throws RpcFault, WireException {
    if (opnum == NetrShareEnum.OPNUM) {
      return NetrShareEnum.invoke(stub, shares.get());
    }
    throw new RpcFault(RpcFault.OP_RNG_ERROR, "srvsvc opnum " + opnum + " is not served");
  }
}
