package org.ferryfs.backend.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * A real nfs-ganesha (VFS FSAL) for tests, exporting one directory over NFSv3 (and v4) on free
 * loopback ports (../shared/HARNESS.md). Ganesha refuses to start without a portmapper; the first
 * server started starts {@code rpcbind} when none answers and the last one closed stops it again.
 * NFSv3 clients mount the export by its real path ({@link #exportPath()}).
 */
public final class GaneshaServer implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(60);
  private static ExternalProcess rpcbind;
  private static int users;

  private final Path dir;
  private final Path exportDir;
  private final int nfsPort;
  private final int mountPort;
  private final ExternalProcess ganesha;

  private GaneshaServer(Path dir, Path exportDir, int nfsPort, int mountPort) {
    this.dir = dir;
    this.exportDir = exportDir;
    this.nfsPort = nfsPort;
    this.mountPort = mountPort;
    this.ganesha =
        new ExternalProcess(
            "ganesha " + nfsPort,
            List.of(
                "/usr/bin/ganesha.nfsd",
                "-F",
                "-f",
                dir.resolve("ganesha.conf").toString(),
                "-L",
                dir.resolve("ganesha.log").toString(),
                "-p",
                dir.resolve("ganesha.pid").toString(),
                "-N",
                "NIV_EVENT"),
            dir.resolve("stdout.log"));
  }

  /** Skips the test, saying why, where ganesha is not installed (./run-tests installs it). */
  public static void requireInstalled() {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/ganesha.nfsd"))
            && Files.isExecutable(Path.of("/sbin/rpcbind")),
        "nfs-ganesha or rpcbind is not installed (./run-tests installs them)");
  }

  /** Starts ganesha exporting {@code exportDir}, its state under {@code dir}. */
  public static GaneshaServer start(Path dir, Path exportDir)
      throws IOException, InterruptedException {
    requireInstalled();
    Files.createDirectories(dir.resolve("recov"));
    Files.createDirectories(exportDir);
    Files.setPosixFilePermissions(exportDir, PosixFilePermissions.fromString("rwxrwxrwx"));
    int nfs = ExternalProcess.freePort();
    int mnt = ExternalProcess.freePort();
    Files.writeString(dir.resolve("ganesha.conf"), config(dir, exportDir, nfs, mnt));
    acquireRpcbind(dir);
    GaneshaServer g = new GaneshaServer(dir, exportDir, nfs, mnt);
    try {
      g.ganesha.start();
      g.ganesha.awaitPorts(START, nfs, mnt);
    } catch (IOException | InterruptedException e) {
      g.ganesha.stop();
      releaseRpcbind();
      throw e;
    }
    return g;
  }

  private static String config(Path d, Path export, int nfs, int mnt) {
    return """
        NFS_CORE_PARAM {
          NFS_Port = %2$d; MNT_Port = %3$d; Bind_Addr = 127.0.0.1; Protocols = 3, 4;
          Enable_NLM = false; Enable_RQUOTA = false; Enable_UDP = false;
        }
        NFSV4 { Graceless = true; RecoveryBackend = fs; RecoveryRoot = %1$s/recov;
                Minor_Versions = 0, 1, 2; Only_Numeric_Owners = true; }
        NFS_KRB5 { Active_krb5 = false; }
        EXPORT {
          Export_Id = 1; Path = %4$s; Pseudo = /export; Access_Type = RW; Squash = No_Root_Squash;
          Protocols = 3, 4; Transports = TCP; SecType = sys; FSAL { Name = VFS; }
        }
        """
        .formatted(d, nfs, mnt, export);
  }

  private static synchronized void acquireRpcbind(Path dir)
      throws IOException, InterruptedException {
    if (users++ > 0 || ExternalProcess.accepts(111)) {
      return;
    }
    Files.createDirectories(Path.of("/run/rpcbind"));
    rpcbind =
        new ExternalProcess(
            "rpcbind", List.of("/sbin/rpcbind", "-f", "-w"), dir.resolve("rpcbind.log"));
    rpcbind.start();
    rpcbind.awaitPorts(START, 111);
  }

  private static synchronized void releaseRpcbind() throws InterruptedException {
    if (--users == 0 && rpcbind != null) {
      rpcbind.stop();
      rpcbind = null;
    }
  }

  public int nfsPort() {
    return nfsPort;
  }

  public int mountPort() {
    return mountPort;
  }

  /** The path NFSv3 clients mount. */
  public String exportPath() {
    return exportDir.toString();
  }

  public Path exportDir() {
    return exportDir;
  }

  /** {@code nfs://127.0.0.1:PORT/PATH?mountport=M}, Ferry's backend URL form. */
  public String url() {
    return "nfs://127.0.0.1:" + nfsPort + exportDir + "?mountport=" + mountPort;
  }

  public void kill() throws InterruptedException {
    ganesha.kill();
  }

  public void restart() throws IOException, InterruptedException {
    ganesha.start();
    ganesha.awaitPorts(START, nfsPort, mountPort);
  }

  /** SIGSTOP: the server keeps its connections but answers nothing (a hung server). */
  public void suspend() throws IOException, InterruptedException {
    signal("-STOP");
  }

  /** SIGCONT after {@link #suspend()}. */
  public void resume() throws IOException, InterruptedException {
    signal("-CONT");
  }

  private void signal(String signal) throws IOException, InterruptedException {
    // by the process's own pid: right after a restart the pid file may still be the old one's
    ganesha.signal(signal.substring(1));
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void close() throws InterruptedException {
    ganesha.stop();
    releaseRpcbind();
  }
}
