package org.ferryfs.smb;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How an {@link SmbServer} runs.
 *
 * @param address the address to bind
 * @param port the TCP port (0: any free one)
 * @param signingRequired require signed requests once a session is set up ({@code signing:
 *     required}); otherwise signing is enabled, used when the client asks
 * @param users the accounts, by {@link SmbUser#key()}
 * @param maxConnections most connections open at once
 * @param serverName the NetBIOS-style name the server gives in NTLM target info
 * @param domain the workgroup it gives there
 * @param encryption whether SMB 3.x encryption is offered or required ({@code smb.encryption})
 */
public record SmbServerConfig(
    InetAddress address,
    int port,
    boolean signingRequired,
    Map<String, SmbUser> users,
    int maxConnections,
    String serverName,
    String domain,
    Encryption encryption) {

  /** {@code smb.encryption}: whether sessions may or must be encrypted ([MS-SMB2] 3.3.1.5). */
  public enum Encryption {
    /** No cipher is offered; clients asking to encrypt are refused by their own policy. */
    OFF,
    /** Ciphers are offered (3.0+); a client may encrypt, the server does not insist. */
    OPTIONAL,
    /**
     * Every session is encrypted (SMB2_SESSION_FLAG_ENCRYPT_DATA, RejectUnencryptedAccess): a
     * client that cannot encrypt (SMB 2.x, or no common cipher) is refused at SESSION_SETUP.
     */
    REQUIRED
  }

  public static final int DEFAULT_MAX_CONNECTIONS = 1024;

  public SmbServerConfig {
    users = Map.copyOf(users);
    java.util.Objects.requireNonNull(encryption, "encryption");
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be positive, got " + maxConnections);
    }
  }

  public static SmbServerConfig of(
      InetAddress address, int port, boolean signingRequired, List<SmbUser> users) {
    return of(address, port, signingRequired, users, Encryption.OPTIONAL);
  }

  public static SmbServerConfig of(
      InetAddress address,
      int port,
      boolean signingRequired,
      List<SmbUser> users,
      Encryption encryption) {
    return new SmbServerConfig(
        address,
        port,
        signingRequired,
        users.stream().collect(Collectors.toMap(SmbUser::key, Function.identity())),
        DEFAULT_MAX_CONNECTIONS,
        "FERRY",
        "WORKGROUP",
        encryption);
  }
}
