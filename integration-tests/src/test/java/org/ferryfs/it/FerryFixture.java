package org.ferryfs.it;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ferryfs.config.ConfigLoader;
import org.ferryfs.config.FerryConfig;
import org.ferryfs.server.FerryServer;
import org.ferryfs.server.FrontEnds;

/**
 * A Ferry on free loopback ports with two local-directory backends ({@code a}, {@code b}) and two
 * exports ({@code alpha} on a, {@code beta} on b, the latter open to 127.0.0.0/8 only), all under
 * one temporary directory. {@link #restart()} stops it and starts it again on the same state.
 */
final class FerryFixture implements AutoCloseable {
  final Path root;
  final Path backendA;
  final Path backendB;
  final Path state;
  final Path configFile;
  private FerryServer server;

  private final String nfsExtra;
  private final String topExtra;

  private FerryFixture(Path root, String nfsExtra, String topExtra) throws Exception {
    this.nfsExtra = nfsExtra;
    this.topExtra = topExtra;
    this.root = root;
    this.backendA = Files.createDirectories(root.resolve("backends/a"));
    this.backendB = Files.createDirectories(root.resolve("backends/b"));
    this.state = root.resolve("state");
    this.configFile = root.resolve("ferry.yaml");
    Files.writeString(configFile, config());
  }

  static FerryFixture start(Path root) throws Exception {
    return start(root, "");
  }

  /** As {@link #start(Path)}, with {@code nfsExtra} added under the {@code nfs:} key. */
  static FerryFixture start(Path root, String nfsExtra) throws Exception {
    FerryFixture f = new FerryFixture(root, nfsExtra, "");
    f.startServer();
    return f;
  }

  /** The SMB account {@link #startWithSmb} configures. */
  static final String SMB_USER = "alice";

  static final String SMB_PASSWORD = "Secret-1";

  /** As {@link #start(Path)}, with the SMB front end on a free port and one account. */
  static FerryFixture startWithSmb(Path root) throws Exception {
    return startWithSmb(root, "optional");
  }

  /** As {@link #startWithSmb(Path)}, with {@code smb.encryption} set to {@code encryption}. */
  static FerryFixture startWithSmb(Path root, String encryption) throws Exception {
    String smb =
        ("smb:\n  port: 0\n  signing: required\n  encryption: %s\n"
                + "users:\n  - name: %s\n    password: %s\n")
            .formatted(encryption, SMB_USER, SMB_PASSWORD);
    FerryFixture f = new FerryFixture(root, "", smb);
    f.startServer();
    return f;
  }

  int smbPort() {
    return server.port("SMB");
  }

  private String config() {
    return """
        listen: 127.0.0.1
        state-dir: %s
        nfs:
          port: 0
          %s
        admin:
          port: 0
        backends:
          - name: a
            url: %s
          - name: b
            url: %s
        exports:
          - name: alpha
            backend: a
          - name: beta
            backend: b
            clients: [127.0.0.0/8]
        """
            .formatted(state, nfsExtra, backendA.toUri(), backendB.toUri())
        + topExtra;
  }

  private void startServer() throws Exception {
    FerryConfig c = ConfigLoader.load(configFile);
    server = FerryServer.start(c, FrontEnds.all());
  }

  FerryServer server() {
    return server;
  }

  int nfsPort() {
    return server.port("NFS");
  }

  int adminPort() {
    return server.adminPort();
  }

  LibNfs libnfs() {
    return new LibNfs(nfsPort());
  }

  /** Where an export-relative path of export alpha lives on backend a. */
  Path alpha(String relative) {
    return backendA.resolve("alpha").resolve(relative);
  }

  void restart() throws Exception {
    server.close();
    startServer();
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
