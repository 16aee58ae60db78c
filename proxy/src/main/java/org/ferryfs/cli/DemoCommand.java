package org.ferryfs.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ferryfs.config.ConfigException;
import org.ferryfs.config.ConfigLoader;
import org.ferryfs.config.FerryConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ferry demo [--dir DIR]}: the embedded default. Two local-directory backends {@code a} and
 * {@code b}, exports {@code alpha} (on a) and {@code beta} (on b), NFS on 127.0.0.1:12049, SMB on
 * 127.0.0.1:14450 with one account {@code demo} (its password is drawn at random when the config is
 * first written, and printed), admin API on 127.0.0.1:17070. Everything lives under DIR; running it
 * again reuses DIR.
 */
@Command(
    name = "demo",
    description =
        "Run Ferry on two local-directory backends with exports alpha and beta, on 127.0.0.1.")
public final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = "ferry-demo",
      description = "where the demo keeps its backends, state and config (default ./ferry-demo)")
  Path dir;

  @Option(names = "--nfs-port", defaultValue = "12049", description = "NFS port (default 12049)")
  int nfsPort;

  @Option(names = "--smb-port", defaultValue = "14450", description = "SMB port (default 14450)")
  int smbPort;

  /** The SMB account the demo configures. */
  static final String DEMO_USER = "demo";

  @Option(
      names = "--admin-port",
      defaultValue = "17070",
      description = "admin API port (default 17070)")
  int adminPort;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws CliException, InterruptedException {
    Path root = dir.toAbsolutePath().normalize();
    Path configFile = root.resolve("ferry.yaml");
    PrintWriter out = spec.commandLine().getOut();
    try {
      Files.createDirectories(root.resolve("state"));
      Path a = Files.createDirectories(root.resolve("backends/a"));
      Path b = Files.createDirectories(root.resolve("backends/b"));
      welcome(a.resolve("alpha"), "alpha", "a");
      welcome(b.resolve("beta"), "beta", "b");
      if (!Files.exists(configFile)) {
        Files.writeString(configFile, config(root), StandardCharsets.UTF_8);
      } else {
        out.println("using the existing " + configFile);
      }
    } catch (IOException e) {
      throw new CliException(
          ExitCode.CONFIG, "cannot set up the demo in " + root + ": " + e.getMessage(), e);
    }
    FerryConfig c;
    try {
      c = ConfigLoader.load(configFile);
    } catch (ConfigException e) {
      throw new CliException(ExitCode.CONFIG, e.getMessage(), e);
    }
    ServeCommand.runUntilStopped(
        c,
        server -> {
          instructions(out, root, configFile, server.port("NFS"));
          smbInstructions(out, c, server.port("SMB"));
        });
    return ExitCode.OK.code();
  }

  private String config(Path root) {
    return """
        # Ferry demo configuration (written by 'ferry demo'; edit freely, it is reused)
        listen: 127.0.0.1
        state-dir: {root}/state
        nfs:
          port: {nfs-port}
        smb:
          port: {smb-port}
          signing: required
          encryption: optional
        users:
          - name: {user}
            password: {password}
        admin:
          port: {admin-port}
        backends:
          - name: a
            url: file://{root}/backends/a
          - name: b
            url: file://{root}/backends/b
        exports:
          - name: alpha
            backend: a
            path: /alpha
          - name: beta
            backend: b
            path: /beta
        """
        .replace("{root}", root.toString())
        .replace("{nfs-port}", Integer.toString(nfsPort))
        .replace("{smb-port}", Integer.toString(smbPort))
        .replace("{user}", DEMO_USER)
        .replace("{password}", randomPassword())
        .replace("{admin-port}", Integer.toString(adminPort));
  }

  /** 16 letters and digits from a SecureRandom: a fresh password per demo directory. */
  private static String randomPassword() {
    String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    java.security.SecureRandom rnd = new java.security.SecureRandom();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  private static void smbInstructions(PrintWriter out, FerryConfig c, int smbPort) {
    if (c.smb() == null || smbPort < 0) {
      out.println("SMB is not served: this demo's config has no smb: section (it predates SMB in");
      out.println("the demo); remove the config file to have it written again.");
      out.println();
      out.flush();
      return;
    }
    String account = null;
    for (FerryConfig.User u : c.users()) {
      if (account == null && u.password() != null) {
        account = u.name() + "%" + u.password();
      }
    }
    String port = " -p " + smbPort;
    String user = account == null ? " -U USER%PASSWORD" : " -U '" + account + "'";
    out.println(
        "SMB on 127.0.0.1:"
            + smbPort
            + ", user "
            + (account == null ? "(see config)" : account.replace("%", " password "))
            + ".");
    out.println("Try it with Samba's smbclient (Debian package smbclient):");
    out.println("  smbclient -L //127.0.0.1" + port + user);
    out.println("  smbclient //127.0.0.1/alpha" + port + user + " -c 'ls; get welcome.txt -'");
    out.println(
        "  smbclient //127.0.0.1/beta" + port + user + " -c 'put /etc/hostname hostname.txt'");
    out.println();
    out.flush();
  }

  private static void welcome(Path exportDir, String export, String backend) throws IOException {
    if (Files.exists(exportDir)) {
      return;
    }
    Files.createDirectories(exportDir);
    Files.writeString(
        exportDir.resolve("welcome.txt"),
        "Hello from export " + export + ", served by Ferry from backend " + backend + ".\n",
        StandardCharsets.UTF_8);
  }

  private static void instructions(PrintWriter out, Path root, Path configFile, int nfsPort) {
    String me = System.getenv().getOrDefault("FERRY_LAUNCHER", "ferry");
    String url = "?version=3&nfsport=" + nfsPort + "&mountport=" + nfsPort;
    out.println();
    out.println("Ferry demo is running. Stop it with Ctrl-C.");
    out.println(
        "  backends  a = " + root.resolve("backends/a") + "   b = " + root.resolve("backends/b"));
    out.println("  exports   alpha (on a)   beta (on b)");
    out.println("  config    " + configFile);
    out.println();
    out.println("Try it with the libnfs tools (Debian package libnfs-utils):");
    out.println("  nfs-ls  'nfs://127.0.0.1/alpha" + url + "'");
    out.println("  nfs-cat 'nfs://127.0.0.1/alpha/welcome.txt" + url + "'");
    out.println("  nfs-cp  /etc/hostname 'nfs://127.0.0.1/beta/hostname.txt" + url + "'");
    out.println("  ls " + root.resolve("backends/b/beta") + "     # the bytes land on backend b");
    out.println();
    out.println("Admin commands, in another terminal:");
    out.println("  " + me + " export list --config " + configFile);
    out.println("  " + me + " backend list --config " + configFile);
    out.println("  " + me + " status --config " + configFile);
    out.println("  " + me + " export add gamma --backend a --config " + configFile);
    out.println("  " + me + " export remove gamma --config " + configFile);
    out.println();
    out.flush();
  }
}
