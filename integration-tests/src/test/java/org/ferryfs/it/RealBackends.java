package org.ferryfs.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.ferryfs.backend.testing.GaneshaServer;
import org.ferryfs.backend.testing.SambaServer;
import org.ferryfs.config.ConfigLoader;
import org.ferryfs.server.FerryServer;
import org.ferryfs.server.FrontEnds;

/**
 * A Ferry in front of real servers on loopback: two smbd ({@code s1}, {@code s2}) serving one
 * directory and declared with one storage id, an nfs-ganesha ({@code n1}) and a local directory
 * ({@code loc}). One export per backend — {@code on-local}, {@code on-smb} (s1, path {@code
 * /data}), {@code on-smb-twin} (s2, the same path, so the same files) and {@code on-nfs} — each
 * found on disk by {@link #onDisk(String, String)}. Ferry serves them over NFSv3 and over SMB (user
 * {@value #SMB_USER}).
 */
final class RealBackends implements AutoCloseable {
  /** The account Ferry's SMB front end serves. */
  static final String SMB_USER = "alice";

  static final String SMB_PASSWORD = "Secret-1";

  /** The backend call timeout the config sets. */
  static final String TIMEOUT = "2s";

  final Path root;
  final Path local;
  final Path sharedSmbDir;
  SambaServer s1;
  SambaServer s2;
  GaneshaServer n1;
  private FerryServer ferry;

  private RealBackends(Path root) {
    this.root = root;
    this.local = root.resolve("local");
    this.sharedSmbDir = root.resolve("san-1");
  }

  /** Skips the test, saying why, unless smbd, ganesha and the libnfs tools are installed. */
  static void requireInstalled() {
    SambaServer.requireInstalled();
    GaneshaServer.requireInstalled();
    LibNfs.requireInstalled();
  }

  static RealBackends start(Path root) throws Exception {
    requireInstalled();
    RealBackends b = new RealBackends(root);
    try {
      b.startAll();
    } catch (Exception | Error e) {
      b.close();
      throw e;
    }
    return b;
  }

  private void startAll() throws Exception {
    Files.createDirectories(local);
    s1 = SambaServer.start(root.resolve("smbd-1"), sharedSmbDir, 0);
    s2 = SambaServer.start(root.resolve("smbd-2"), sharedSmbDir, 0);
    Path nfsDir = root.resolve("nfs-export");
    Files.createDirectories(nfsDir);
    Files.setPosixFilePermissions(nfsDir, PosixFilePermissions.fromString("rwxrwxrwx"));
    n1 = GaneshaServer.start(root.resolve("ganesha"), nfsDir);
    Path pw = root.resolve("smb.pw");
    Files.writeString(pw, SambaServer.PASSWORD + "\n");
    Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
    Path config = root.resolve("ferry.yaml");
    Files.writeString(
        config,
        """
        listen: 127.0.0.1
        state-dir: %s
        nfs:
          port: 0
        smb:
          port: 0
          signing: required
        users:
          - name: %s
            password: %s
        admin:
          port: 0
        backends:
          - name: loc
            url: %s
          - name: s1
            url: %s
            username: %s
            password-file: %s
            storage: san-1
            timeout: %s
          - name: s2
            url: %s
            username: %s
            password-file: %s
            storage: san-1
            timeout: %s
          - name: n1
            url: %s
            timeout: %s
        exports:
          - name: on-local
            backend: loc
          - name: on-smb
            backend: s1
            path: /data
          - name: on-smb-twin
            backend: s2
            path: /data
          - name: on-nfs
            backend: n1
        """
            .formatted(
                root.resolve("state"),
                SMB_USER,
                SMB_PASSWORD,
                local.toUri(),
                s1.url(),
                SambaServer.USER,
                pw,
                TIMEOUT,
                s2.url(),
                SambaServer.USER,
                pw,
                TIMEOUT,
                n1.url(),
                TIMEOUT));
    ferry = FerryServer.start(ConfigLoader.load(config), FrontEnds.all());
  }

  FerryServer ferry() {
    return ferry;
  }

  int nfsPort() {
    return ferry.port("NFS");
  }

  int smbPort() {
    return ferry.port("SMB");
  }

  /** Runs {@code smbclient} against Ferry's SMB front end, share {@code export}, SMB 3.1.1. */
  Run.Result ferrySmb(String export, Path workDir, String commands)
      throws IOException, InterruptedException {
    return Run.run(
        java.time.Duration.ofMinutes(2),
        workDir,
        List.of(
            "smbclient",
            "//127.0.0.1/" + export,
            "-p",
            Integer.toString(smbPort()),
            "-U",
            SMB_USER + "%" + SMB_PASSWORD,
            "-m",
            "SMB3_11",
            "-c",
            commands));
  }

  LibNfs libnfs() {
    return new LibNfs(nfsPort());
  }

  /** Where a path inside an export lives on the backend's disk. */
  Path onDisk(String export, String relative) {
    Path dir =
        switch (export) {
          case "on-local" -> local.resolve("on-local");
          case "on-smb", "on-smb-twin" -> sharedSmbDir.resolve("data");
          case "on-nfs" -> n1.exportDir().resolve("on-nfs");
          default -> throw new IllegalArgumentException(export);
        };
    return relative.isEmpty() ? dir : dir.resolve(relative);
  }

  /** {@code GET /api/v1/backends} of this Ferry's admin API, parsed. */
  com.fasterxml.jackson.databind.JsonNode adminBackends() throws Exception {
    String token = Files.readString(root.resolve("state/admin.token")).strip();
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    try {
      java.net.http.HttpResponse<String> r =
          http.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(
                          "http://127.0.0.1:" + ferry.adminPort() + "/api/v1/backends"))
                  .header("Authorization", "Bearer " + token)
                  .timeout(java.time.Duration.ofSeconds(10))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new AssertionError("admin API answered " + r.statusCode() + ": " + r.body());
      }
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
    } finally {
      http.close();
    }
  }

  /** The health the admin API reports for {@code backend}. */
  String health(String backend) throws Exception {
    for (com.fasterxml.jackson.databind.JsonNode b : adminBackends()) {
      if (b.path("name").asText().equals(backend)) {
        return b.path("health").asText();
      }
    }
    throw new AssertionError("no backend " + backend + " in the admin API");
  }

  /** Runs Samba's {@code smbclient} against {@code server}'s share with {@code commands}. */
  static Run.Result smbclient(SambaServer server, Path workDir, String commands)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("smbclient");
    cmd.add("//127.0.0.1/" + SambaServer.SHARE);
    cmd.add("-p");
    cmd.add(Integer.toString(server.port()));
    cmd.add("-U");
    cmd.add(SambaServer.USER + "%" + SambaServer.PASSWORD);
    cmd.add("-c");
    cmd.add(commands);
    return Run.run(java.time.Duration.ofMinutes(1), workDir, cmd);
  }

  @Override
  public void close() {
    if (ferry != null) {
      ferry.close();
      ferry = null;
    }
    for (AutoCloseable c : new AutoCloseable[] {n1, s2, s1}) {
      if (c != null) {
        try {
          c.close();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Exception e) {
          // keep stopping the others; the failure shows in the servers' logs
        }
      }
    }
  }
}
