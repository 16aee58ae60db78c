package org.ferryfs.nfs.rpc;

/** Limits ONC RPC itself puts on a call (RFC 5531). */
public final class RpcLimits {
  /** RFC 5531 §8.2: {@code opaque body<400>} of an {@code opaque_auth}. */
  public static final int MAX_AUTH_BYTES = 400;

  /** RFC 5531 Appendix A: {@code string machinename<255>} in {@code authsys_parms}. */
  public static final int MAX_MACHINE_NAME = 255;

  /** RFC 5531 Appendix A: {@code unsigned int gids<16>} in {@code authsys_parms}. */
  public static final int MAX_GIDS = 16;

  /** RFC 5531 §9: the only RPC protocol version. */
  public static final int RPC_VERSION = 2;

  private RpcLimits() {}
}
