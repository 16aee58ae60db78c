package org.ferryfs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ferryfs.cli.FerryCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ferry} command as operators run it: the real jar in its own process. */
class CliIT {
  @TempDir Path tmp;

  /** Result of an in-process CLI run. */
  record Cli(int exit, String out, String err) {}

  static Cli cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = FerryCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Cli(code, out.toString(), err.toString());
  }

  private Path config(int nfsPort, int adminPort, String extra) throws Exception {
    return FerryProcess.writeConfig(tmp, nfsPort, adminPort, extra);
  }

  @Test
  void serveRunsAdminCommandsWorkAndSigtermStopsItCleanly() throws Exception {
    int nfs = FerryProcess.freePort();
    int admin = FerryProcess.freePort();
    Path config = config(nfs, admin, "");
    try (FerryProcess ferry = FerryProcess.start(tmp, "serve", "--config", config.toString())) {
      ferry.awaitOutput("Ferry is serving");
      assertThat(Files.getPosixFilePermissions(tmp.resolve("state/admin.token")))
          .containsExactlyInAnyOrder(
              java.nio.file.attribute.PosixFilePermission.OWNER_READ,
              java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

      Cli list = cli("export", "list", "--config", config.toString());
      assertThat(list.exit()).isZero();
      assertThat(list.out()).contains("alpha").contains("/alpha");

      Cli add = cli("export", "add", "gamma", "--backend", "a", "--config", config.toString());
      assertThat(add.exit()).as(add.err()).isZero();
      assertThat(tmp.resolve("backends/a/gamma")).isDirectory();
      Cli again = cli("export", "add", "gamma", "--backend", "a", "--config", config.toString());
      assertThat(again.exit()).isEqualTo(7);
      assertThat(again.err()).isEqualTo("ferry: export 'gamma' exists already\n");

      Cli json = cli("export", "list", "--json", "--config", config.toString());
      assertThat(json.out()).contains("\"name\" : \"gamma\"");
      Cli status = cli("status", "--config", config.toString());
      assertThat(status.out()).contains("127.0.0.1:" + nfs).contains("exports        2");
      Cli backends =
          cli(
              "backend",
              "list",
              "--admin",
              "http://127.0.0.1:" + admin,
              "--token-file",
              tmp.resolve("state/admin.token").toString());
      assertThat(backends.out()).contains("UP").contains("alpha").contains("gamma");
      Cli removed = cli("export", "remove", "gamma", "--config", config.toString());
      assertThat(removed.exit()).isZero();
      assertThat(cli("export", "remove", "gamma", "--config", config.toString()).exit())
          .isEqualTo(6);

      Cli wrongToken =
          cli("status", "--admin", "http://127.0.0.1:" + admin, "--token-file", config.toString());
      assertThat(wrongToken.exit()).isEqualTo(5);

      assertThat(ferry.terminate()).isIn(0, 143);
      assertThat(ferry.output()).contains("stopped");
    }
    assertThat(FerryProcess.listening(nfs)).isFalse();
    assertThat(FerryProcess.listening(admin)).isFalse();
    Cli down = cli("status", "--config", config.toString());
    assertThat(down.exit()).isEqualTo(4);
    assertThat(down.err()).contains("cannot reach");
  }

  @Test
  void configurationMistakesAreOneLineAndExitThree() throws Exception {
    Path config = config(0, 0, "nfs-port: 5\n");
    Run.Result r = FerryProcess.run(tmp, "serve", "--config", config.toString());
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stderr().strip()).contains("unknown key 'nfs-port'").doesNotContain("\n");
    assertThat(r.stderr() + r.stdout()).doesNotContain("Exception").doesNotContain("\tat ");

    Files.writeString(
        config,
        Files.readString(config).replace("nfs-port: 5\n", "").replace("backend: a", "backend: zz"));
    r = FerryProcess.run(tmp, "serve", "--config", config.toString());
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stderr()).contains("unknown backend 'zz'");

    Files.writeString(
        config,
        Files.readString(config)
            .replace("backend: zz", "backend: a")
            .replace("backends/a", "backends/missing"));
    r = FerryProcess.run(tmp, "serve", "--config", config.toString());
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stderr()).contains("missing").doesNotContain("\tat ");

    r = FerryProcess.run(tmp, "serve", "--config", tmp.resolve("nope.yaml").toString());
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stderr()).contains("no such configuration file");

    r = FerryProcess.run(tmp, "serve");
    assertThat(r.exitCode()).isEqualTo(2);
  }

  @Test
  void aPortInUseIsReportedAsSuch() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      Path config = config(taken.getLocalPort(), 0, "");
      Run.Result r = FerryProcess.run(tmp, "serve", "--config", config.toString());
      assertThat(r.exitCode()).isEqualTo(11);
      assertThat(r.stderr()).contains(String.valueOf(taken.getLocalPort())).doesNotContain("\tat ");
    }
  }

  @Test
  void demoServesTwoExportsOnLocalBackends() throws Exception {
    LibNfs.requireInstalled();
    int nfs = FerryProcess.freePort();
    int smb = FerryProcess.freePort();
    int admin = FerryProcess.freePort();
    Path dir = tmp.resolve("demo");
    try (FerryProcess demo =
        FerryProcess.start(
            tmp,
            "demo",
            "--dir",
            dir.toString(),
            "--nfs-port",
            "" + nfs,
            "--admin-port",
            "" + admin,
            "--smb-port",
            "" + smb)) {
      demo.awaitOutput("hostname.txt'");
      assertThat(demo.output()).contains("nfs-ls  'nfs://127.0.0.1/alpha?version=3&nfsport=" + nfs);
      LibNfs libnfs = new LibNfs(nfs);
      assertThat(libnfs.cat("/alpha/welcome.txt").requireSuccess("nfs-cat").stdout())
          .contains("export alpha")
          .contains("backend a");
      assertThat(libnfs.cat("/beta/welcome.txt").requireSuccess("nfs-cat").stdout())
          .contains("backend b");
      Cli list = cli("export", "list", "--config", dir.resolve("ferry.yaml").toString());
      assertThat(list.out()).contains("alpha").contains("beta");

      // SMB on the printed port with the printed account.
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("-U '(demo%[A-Za-z0-9]+)'").matcher(demo.output());
      assertThat(m.find()).as("the demo prints its SMB account").isTrue();
      String account = m.group(1);
      assertThat(demo.output()).contains("smbclient -L //127.0.0.1 -p " + smb);
      Run.Result ls =
          Run.run(
                  java.time.Duration.ofMinutes(1),
                  tmp,
                  java.util.List.of(
                      "smbclient",
                      "//127.0.0.1/alpha",
                      "-p",
                      "" + smb,
                      "-U",
                      account,
                      "-c",
                      "ls; get welcome.txt -"))
              .requireSuccess("smbclient against the demo");
      assertThat(ls.stdout()).contains("welcome.txt").contains("export alpha");
      Run.Result shares =
          Run.run(
                  java.time.Duration.ofMinutes(1),
                  tmp,
                  java.util.List.of(
                      "smbclient", "-L", "//127.0.0.1", "-p", "" + smb, "-U", account))
              .requireSuccess("smbclient -L against the demo");
      assertThat(shares.stdout()).contains("alpha").contains("beta");
      assertThat(demo.terminate()).isIn(0, 143);
    }
  }
}
