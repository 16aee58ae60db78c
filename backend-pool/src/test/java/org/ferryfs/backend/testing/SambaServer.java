package org.ferryfs.backend.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Samba {@code smbd} for tests: its own directory for state, one share, one user, on a free
 * loopback port (../shared/HARNESS.md). Several can run side by side, also on one share directory
 * (two heads, one storage).
 */
public final class SambaServer implements AutoCloseable {
  public static final String USER = "smbtest";
  public static final String PASSWORD = "Passw0rd!";
  public static final String SHARE = "share";
  private static final Duration START = Duration.ofSeconds(30);

  private final Path dir;
  private final Path shareDir;
  private final int port;
  private final ExternalProcess smbd;

  private SambaServer(Path dir, Path shareDir, int port) {
    this.dir = dir;
    this.shareDir = shareDir;
    this.port = port;
    this.smbd =
        new ExternalProcess(
            "smbd " + port,
            List.of(
                "/usr/sbin/smbd",
                "--foreground",
                "--no-process-group",
                "-s",
                dir.resolve("smb.conf").toString()),
            dir.resolve("log/stdout.log"));
  }

  /** Skips the test, saying why, where smbd is not installed (./run-tests installs it). */
  public static void requireInstalled() {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/sbin/smbd")),
        "Samba is not installed (./run-tests installs it)");
  }

  /**
   * Starts smbd serving {@code shareDir} as share {@value #SHARE}, state under {@code dir}.
   *
   * @param port the port, 0 for a free one
   */
  public static SambaServer start(Path dir, Path shareDir, int port)
      throws IOException, InterruptedException {
    return start(dir, shareDir, port, "");
  }

  /**
   * Starts smbd as {@link #start(Path, Path, int)} does, with {@code extraGlobal} (smb.conf lines,
   * e.g. {@code server smb encrypt = required}) added to its {@code [global]} section.
   */
  public static SambaServer start(Path dir, Path shareDir, int port, String extraGlobal)
      throws IOException, InterruptedException {
    requireInstalled();
    int p = port == 0 ? ExternalProcess.freePort() : port;
    for (String sub : List.of("lock", "state", "cache", "private", "pid", "ncalrpc", "log")) {
      Files.createDirectories(dir.resolve(sub));
    }
    Files.createDirectories(shareDir);
    Files.setPosixFilePermissions(shareDir, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.writeString(dir.resolve("smb.conf"), config(dir, shareDir, p, extraGlobal));
    ensureUser(dir);
    SambaServer s = new SambaServer(dir, shareDir, p);
    s.smbd.start();
    try {
      s.smbd.awaitPorts(START, p);
    } catch (IOException | InterruptedException e) {
      s.smbd.stop();
      throw e;
    }
    return s;
  }

  private static String config(Path d, Path share, int port, String extraGlobal) {
    return """
        [global]
           server role = standalone server
           smb ports = %2$d
           interfaces = 127.0.0.1
           bind interfaces only = yes
           disable netbios = yes
           lock directory = %1$s/lock
           state directory = %1$s/state
           cache directory = %1$s/cache
           private dir = %1$s/private
           pid directory = %1$s/pid
           ncalrpc dir = %1$s/ncalrpc
           log file = %1$s/log/log.%%m
           passdb backend = tdbsam:%1$s/private/passdb.tdb
           map to guest = Bad User
           load printers = no
           printing = bsd
           printcap name = /dev/null
           disable spoolss = yes
           server min protocol = SMB2_02
           server max protocol = SMB3_11
           kernel oplocks = no
           kernel share modes = no
        %6$s
        [%4$s]
           path = %3$s
           read only = no
           guest ok = no
           valid users = %5$s
           force user = root
           vfs objects = streams_xattr
           ea support = yes
        """
        .formatted(d, port, share, SHARE, USER, extraGlobal.indent(3).stripTrailing());
  }

  /** smbpasswd needs a Unix account; both are made once per machine / state dir. */
  private static synchronized void ensureUser(Path dir) throws IOException, InterruptedException {
    Process id = new ProcessBuilder("id", USER).redirectErrorStream(true).start();
    id.getInputStream().readAllBytes();
    if (id.waitFor() != 0) {
      run(List.of("useradd", "-M", "-s", "/usr/sbin/nologin", USER), null);
    }
    run(
        List.of("smbpasswd", "-c", dir.resolve("smb.conf").toString(), "-s", "-a", USER),
        PASSWORD + "\n" + PASSWORD + "\n");
  }

  private static void run(List<String> cmd, String input) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      if (input != null) {
        in.write(input.getBytes(StandardCharsets.UTF_8));
      }
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(cmd + " failed: " + out);
    }
  }

  public int port() {
    return port;
  }

  public Path shareDir() {
    return shareDir;
  }

  /** {@code smb://127.0.0.1:PORT/share}. */
  public String url() {
    return "smb://127.0.0.1:" + port + "/" + SHARE;
  }

  /** Kills smbd as a crash would. */
  public void kill() throws InterruptedException {
    smbd.kill();
  }

  /** Starts it again on the same port and state (after {@link #kill()} or {@link #stop()}). */
  public void restart() throws IOException, InterruptedException {
    smbd.start();
    smbd.awaitPorts(START, port);
  }

  /** Freezes smbd and its children (SIGSTOP): connections stay open, nothing answers. */
  public void pause() throws IOException, InterruptedException {
    smbd.signal("STOP");
  }

  /** Lets a {@link #pause() paused} smbd run again (SIGCONT). */
  public void resume() throws IOException, InterruptedException {
    smbd.signal("CONT");
  }

  public void stop() throws InterruptedException {
    smbd.stop();
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void close() throws InterruptedException {
    smbd.stop();
  }
}
