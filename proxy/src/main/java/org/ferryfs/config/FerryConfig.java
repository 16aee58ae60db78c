package org.ferryfs.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.nio.file.Path;
import java.util.List;

/**
 * Ferry's configuration file, a contract: keys are only ever added, never renamed. See the README's
 * configuration reference.
 *
 * @param listen address the NFS (and later SMB) front ends bind; default {@code 0.0.0.0}
 * @param stateDir directory holding the export table, handle map, admin token, secrets
 * @param nfs the NFS front end
 * @param admin the admin API
 * @param backends the backend file servers
 * @param exports exports to seed the export table with (the state dir's table wins once written)
 * @param smb the SMB front end; absent: no SMB front end runs
 * @param users SMB accounts (NTLMv2)
 */
@SuppressFBWarnings(
    value = "DMI_HARDCODED_ABSOLUTE_FILENAME",
    justification = "DEFAULT_STATE_DIR is the documented default state directory")
public record FerryConfig(
    @JsonProperty("listen") String listen,
    @JsonProperty("state-dir") Path stateDir,
    @JsonProperty("nfs") Nfs nfs,
    @JsonProperty("admin") Admin admin,
    @JsonProperty("backends") List<Backend> backends,
    @JsonProperty("exports") List<Export> exports,
    @JsonProperty("smb") Smb smb,
    @JsonProperty("users") List<User> users) {

  public static final String DEFAULT_LISTEN = "0.0.0.0";

  public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/ferry");

  public FerryConfig {
    listen = listen == null ? DEFAULT_LISTEN : listen;
    stateDir = stateDir == null ? DEFAULT_STATE_DIR : stateDir;
    nfs = nfs == null ? new Nfs(null, null) : nfs;
    admin = admin == null ? new Admin(null, null) : admin;
    backends = backends == null ? List.of() : List.copyOf(backends);
    exports = exports == null ? List.of() : List.copyOf(exports);
    users = users == null ? List.of() : List.copyOf(users);
  }

  /**
   * The SMB front end (issue 3's configuration contract).
   *
   * @param port TCP port; default 445
   * @param signing {@code required} (default) or {@code enabled}
   * @param encryption {@code off}, {@code optional} (default) or {@code required}; encryption is
   *     not implemented yet, so {@code required} is refused and {@code optional} offers none
   * @param guest allow guest sessions; default false ({@code true} is refused: not implemented)
   */
  public record Smb(
      @JsonProperty("port") Integer port,
      @JsonProperty("signing") String signing,
      @JsonProperty("encryption") String encryption,
      @JsonProperty("guest") Boolean guest) {
    public static final int DEFAULT_PORT = 445;

    public Smb {
      port = port == null ? Integer.valueOf(DEFAULT_PORT) : port;
      signing = signing == null ? "required" : signing;
      encryption = encryption == null ? "optional" : encryption;
      guest = guest != null && guest;
    }

    public boolean signingRequired() {
      return signing.equals("required");
    }
  }

  /**
   * An SMB account.
   *
   * @param name the account name
   * @param password its password
   * @param passwordFile or a file holding it (first line)
   * @param uid the user id its requests run as; default 0
   * @param gid the group id its requests run as; default 0
   */
  public record User(
      @JsonProperty("name") String name,
      @JsonProperty("password") String password,
      @JsonProperty("password-file") Path passwordFile,
      @JsonProperty("uid") Integer uid,
      @JsonProperty("gid") Integer gid) {
    public User {
      uid = uid == null ? Integer.valueOf(0) : uid;
      gid = gid == null ? Integer.valueOf(0) : gid;
    }

    @Override
    public String toString() {
      return "User[name=" + name + ", uid=" + uid + ", gid=" + gid + "]"; // never the password
    }
  }

  /**
   * The NFS front end.
   *
   * @param port TCP port for NFSv3 and MOUNT v3; default 2049
   * @param portmapperPort if set, serve an embedded portmapper on this port
   */
  public record Nfs(
      @JsonProperty("port") Integer port, @JsonProperty("portmapper-port") Integer portmapperPort) {
    public static final int DEFAULT_PORT = 2049;

    public Nfs {
      port = port == null ? Integer.valueOf(DEFAULT_PORT) : port;
    }
  }

  /**
   * The admin API.
   *
   * @param port TCP port of the HTTP/JSON admin API; default 7070
   * @param listen address it binds; default {@code 127.0.0.1}
   */
  public record Admin(@JsonProperty("port") Integer port, @JsonProperty("listen") String listen) {
    public static final int DEFAULT_PORT = 7070;
    public static final String DEFAULT_LISTEN = "127.0.0.1";

    public Admin {
      port = port == null ? Integer.valueOf(DEFAULT_PORT) : port;
      listen = listen == null ? DEFAULT_LISTEN : listen;
    }
  }

  /**
   * A backend file server.
   *
   * @param name the operator's name for it
   * @param url where it is: {@code file:///srv/a}, {@code smb://host:port/share}, {@code
   *     nfs://host:port/export?mountport=N}; never with credentials in it
   * @param username account for SMB backends
   * @param password the account's password (prefer {@code password-file} or the environment
   *     variable {@code FERRY_BACKEND_<NAME>_PASSWORD})
   * @param passwordFile a file holding the password (first line)
   * @param domain the account's domain for SMB backends (optional)
   * @param storage an id shared by backends that reach the same data (moves between them need no
   *     copy)
   * @param timeout how long one call to this backend may take, e.g. {@code 10s}, {@code 500ms};
   *     default 10s
   */
  public record Backend(
      @JsonProperty("name") String name,
      @JsonProperty("url") String url,
      @JsonProperty("username") String username,
      @JsonProperty("password") String password,
      @JsonProperty("password-file") Path passwordFile,
      @JsonProperty("domain") String domain,
      @JsonProperty("storage") String storage,
      @JsonProperty("timeout") String timeout) {

    /** The default per-call timeout. */
    public static final java.time.Duration DEFAULT_TIMEOUT = java.time.Duration.ofSeconds(10);

    /** A local-directory backend. */
    public static Backend local(String name, String url) {
      return new Backend(name, url, null, null, null, null, null, null);
    }

    /** The per-call timeout (validated by the loader). */
    public java.time.Duration effectiveTimeout() {
      return timeout == null ? DEFAULT_TIMEOUT : Durations.parse(timeout);
    }

    @Override
    public String toString() {
      // never print secrets
      return "Backend[name=" + name + ", url=" + url + ", username=" + username + "]";
    }
  }

  /**
   * An export to seed.
   *
   * @param name the export's name (NFS clients mount {@code server:/name})
   * @param backend the backend holding it
   * @param path its directory inside the backend; default {@code "/" + name}; created if missing
   * @param clients addresses/CIDRs allowed (NFS); default everyone
   * @param readOnly clients may not modify; default false
   */
  public record Export(
      @JsonProperty("name") String name,
      @JsonProperty("backend") String backend,
      @JsonProperty("path") String path,
      @JsonProperty("clients") List<String> clients,
      @JsonProperty("read-only") Boolean readOnly) {
    public Export {
      clients = clients == null ? List.of() : List.copyOf(clients);
      readOnly = readOnly != null && readOnly;
    }

    /** The path inside the backend, defaulted. */
    public String effectivePath() {
      return path == null || path.isBlank() ? "/" + name : path;
    }
  }
}
