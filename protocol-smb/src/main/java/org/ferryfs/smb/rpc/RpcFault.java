package org.ferryfs.smb.rpc;

/** An operation's failure answered with a fault PDU ([C706] 12.6.4.7, status codes appendix E). */
public final class RpcFault extends Exception {
  private static final long serialVersionUID = 1L;

  /** nca_s_op_rng_error: the opnum is not one of the interface's. */
  public static final int OP_RNG_ERROR = 0x1C010002;

  /** nca_s_unk_if: no interface is bound on the presentation context. */
  public static final int UNK_IF = 0x1C010003;

  /** nca_s_fault_ndr: the stub could not be unmarshalled. */
  public static final int FAULT_NDR = 0x000006F7;

  private final int status;

  public RpcFault(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
