package org.ferryfs.nfs.rpc;

import java.util.Arrays;
import org.dcache.oncrpc4j.rpc.RpcAuth;
import org.dcache.oncrpc4j.rpc.RpcAuthTypeNone;
import org.dcache.oncrpc4j.rpc.RpcAuthTypeUnix;

/** The credential of one call, decoded and checked by {@link CallHeaderDecoder} (RFC 5531 §9). */
public sealed interface CallCredential {

  /** The same credential as an oncrpc4j {@link RpcAuth}. */
  RpcAuth toRpcAuth();

  /** RFC 5531 §10.1 AUTH_NONE: no identity. */
  record AuthNone() implements CallCredential {
    @Override
    public RpcAuth toRpcAuth() {
      return new RpcAuthTypeNone();
    }
  }

  /**
   * RFC 5531 Appendix A AUTH_SYS ({@code authsys_parms}).
   *
   * @param stamp arbitrary id the caller's machine may generate (4 bytes)
   * @param machineName the caller's host name (≤ 255 bytes on the wire)
   * @param uid effective user id (4 bytes)
   * @param gid effective group id (4 bytes)
   * @param gids supplementary groups (≤ 16)
   */
  record AuthSys(int stamp, String machineName, int uid, int gid, int[] gids)
      implements CallCredential {
    public AuthSys {
      gids = gids.clone();
    }

    @Override
    public RpcAuth toRpcAuth() {
      return new RpcAuthTypeUnix(uid, gid, gids.clone(), stamp, machineName);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof AuthSys a
          && a.stamp == stamp
          && a.machineName.equals(machineName)
          && a.uid == uid
          && a.gid == gid
          && Arrays.equals(a.gids, gids);
    }

    @Override
    public int hashCode() {
      return ((stamp * 31 + machineName.hashCode()) * 31 + uid) * 31
          + gid * 17
          + Arrays.hashCode(gids);
    }

    @Override
    public String toString() {
      return "AUTH_SYS[uid=" + uid + ", gid=" + gid + ", machine=" + machineName + "]";
    }
  }
}
