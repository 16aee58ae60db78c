package org.ferryfs.backend.nfs;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.dcache.oncrpc4j.rpc.RpcAuth;
import org.ferryfs.backend.Backend;
import org.ferryfs.backend.BackendConfig;
import org.ferryfs.backend.BackendDriver;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.ferryfs.nfs.client.ClientCredentials;
import org.ferryfs.nfs.client.RpcClient;
import org.ferryfs.nfs.mount.xdr.Mount3Limits;
import org.ferryfs.nfs.rpc.portmap.Mapping;

/**
 * The driver for NFSv3 servers: {@code nfs://host[:port]/export/path[?mountport=N]} mounts {@code
 * /export/path} (MOUNT v3, RFC 1813 §5) and reaches it over NFSv3 (RFC 1813) on one TCP connection.
 *
 * <p>Options: {@code storage} (an id naming the storage behind the server, compared by the core
 * when two backends share it), {@code uid} and {@code gid} (the AUTH_SYS identity Ferry calls the
 * server with, default 0/0). Ferry calls every backend with one fixed service identity: the core
 * checks each client's permissions itself before it calls a driver (the SPI's contract), and stores
 * the owner a client should see through the initial attributes of a create. That needs an identity
 * the server lets create objects for any owner: root, with the export's root squash off. With
 * another uid the export works, but new objects keep that uid ({@link
 * org.ferryfs.backend.BackendCapabilities#posixOwnership()} is false). {@code username}, {@code
 * password} and {@code domain} are refused: AUTH_SYS has no secrets and RPCSEC_GSS is not
 * implemented.
 */
public final class NfsDriver implements BackendDriver {

  /** The URL scheme served. */
  public static final String SCHEME = "nfs";

  /** RFC 1833 §3: the portmapper's port. */
  static final int PORTMAP_PORT = 111;

  private static final int PORTMAP_PROGRAM = 100000;
  private static final int PORTMAP_VERSION = 2;
  private static final int PMAPPROC_GETPORT = 3;

  private static final Set<String> ACCEPTED = Set.of("storage", "uid", "gid");
  private static final Set<String> ACCOUNT = Set.of("username", "password", "domain");

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public Backend open(BackendConfig config) throws BackendException {
    Objects.requireNonNull(config, "config");
    String name = config.name();
    NfsUrl url = NfsUrl.parse(name, config.url());
    Map<String, String> options = config.options();
    List<String> account = options.keySet().stream().filter(ACCOUNT::contains).sorted().toList();
    if (!account.isEmpty()) {
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT,
          "backend '"
              + name
              + "': an NFS backend takes no account "
              + account
              + " (NFSv3 AUTH_SYS has no secrets; set the numeric identity with options uid and"
              + " gid)");
    }
    List<String> unknown = config.optionsOutside(ACCEPTED);
    if (!unknown.isEmpty()) {
      // names only: values may be secrets
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT,
          "backend '"
              + name
              + "': unknown options "
              + unknown
              + " (an NFS backend takes "
              + ACCEPTED
              + ")");
    }
    int uid = id(name, options, "uid");
    int gid = id(name, options, "gid");
    RpcAuth auth = ClientCredentials.sys(uid, gid);
    int mountPort =
        url.mountPort() != 0 ? url.mountPort() : mountPortFromPortmapper(name, url, config, auth);
    return NfsBackend.open(config, url, mountPort, auth, uid);
  }

  private static int id(String backend, Map<String, String> options, String key)
      throws BackendException {
    String v = options.get(key);
    if (v == null) {
      return 0;
    }
    try {
      long id = Long.parseLong(v.trim());
      if (id >= 0 && id <= 0xFFFF_FFFFL) {
        return (int) id;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw new BackendException(
        BackendStatus.INVALID_ARGUMENT,
        "backend '" + backend + "': option " + key + " must be a number 0..4294967295");
  }

  /** PMAPPROC_GETPORT (RFC 1833 §3.2) for MOUNT v3 over TCP. */
  private static int mountPortFromPortmapper(
      String name, NfsUrl url, BackendConfig config, RpcAuth auth) throws BackendException {
    InetSocketAddress pm = new InetSocketAddress(url.host(), PORTMAP_PORT);
    String advice =
        "backend '"
            + name
            + "': cannot learn the MOUNT port from the portmapper at "
            + url.host()
            + ":"
            + PORTMAP_PORT
            + "; give it in the URL, e.g. ?mountport=20048";
    try (RpcClient rpc =
        new RpcClient(pm, PORTMAP_PROGRAM, PORTMAP_VERSION, auth, config.callTimeout())) {
      int port =
          rpc.call(
              PMAPPROC_GETPORT,
              new Mapping(Mount3Limits.PROGRAM, Mount3Limits.VERSION, Mapping.IPPROTO_TCP, 0),
              in -> in.xdrDecodeInt());
      if (port <= 0 || port > 65535) {
        throw new BackendException(
            BackendStatus.UNAVAILABLE, advice + " (MOUNT v3 over TCP is not registered)");
      }
      return port;
    } catch (BackendException e) {
      throw e;
    } catch (IOException e) {
      throw new BackendException(
          BackendStatus.UNAVAILABLE, advice + " (" + e.getMessage() + ")", e);
    }
  }
}
