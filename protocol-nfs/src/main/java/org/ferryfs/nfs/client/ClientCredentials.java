package org.ferryfs.nfs.client;

import java.time.Instant;
import org.dcache.oncrpc4j.rpc.RpcAuth;
import org.dcache.oncrpc4j.rpc.RpcAuthTypeNone;
import org.dcache.oncrpc4j.rpc.RpcAuthTypeUnix;

/** Credentials a client sends (RFC 5531 §10 AUTH_NONE, Appendix A AUTH_SYS). */
public final class ClientCredentials {

  private ClientCredentials() {}

  /** AUTH_SYS for {@code uid}/{@code gid} with supplementary {@code gids} (at most 16). */
  public static RpcAuth sys(int uid, int gid, int... gids) {
    if (gids.length > 16) {
      throw new IllegalArgumentException("AUTH_SYS carries at most 16 groups, got " + gids.length);
    }
    return new RpcAuthTypeUnix(
        uid, gid, gids.clone(), (int) Instant.now().getEpochSecond(), "ferry-client");
  }

  /** AUTH_NONE. */
  public static RpcAuth none() {
    return new RpcAuthTypeNone();
  }
}
