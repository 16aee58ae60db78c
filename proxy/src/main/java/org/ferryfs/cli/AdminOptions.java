package org.ferryfs.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ferryfs.config.ConfigException;
import org.ferryfs.config.ConfigLoader;
import org.ferryfs.config.FerryConfig;
import org.ferryfs.server.StateDir;
import picocli.CommandLine.Option;

/**
 * How an admin command finds a running Ferry: {@code --config FILE} (the admin address and the
 * state dir's token), or {@code --admin URL --token-file F}. Without either, {@code $FERRY_CONFIG}
 * or {@code ./ferry.yaml} is used when present.
 */
public final class AdminOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Ferry's configuration file (gives the admin address and token)")
  Path config;

  @Option(
      names = "--admin",
      paramLabel = "URL",
      description = "admin API address, e.g. http://127.0.0.1:7070 (with --token-file)")
  String admin;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "file holding the admin token (with --admin)")
  Path tokenFile;

  @Option(names = "--json", description = "print JSON for scripts")
  boolean json;

  /** A client for the Ferry these options name. */
  public AdminClient client() throws CliException {
    if (admin != null) {
      if (tokenFile == null) {
        throw new CliException(ExitCode.USAGE, "--admin needs --token-file FILE as well");
      }
      return new AdminClient(parse(admin), readToken(tokenFile));
    }
    Path file = config;
    if (file == null) {
      String env = System.getenv("FERRY_CONFIG");
      if (env != null && !env.isBlank()) {
        file = Path.of(env);
      } else if (Files.exists(Path.of("ferry.yaml"))) {
        file = Path.of("ferry.yaml");
      } else {
        throw new CliException(
            ExitCode.USAGE,
            "say which Ferry: --config FILE, or --admin URL --token-file FILE (or set"
                + " FERRY_CONFIG)");
      }
    }
    FerryConfig c;
    try {
      c = ConfigLoader.load(file);
    } catch (ConfigException e) {
      throw new CliException(ExitCode.CONFIG, e.getMessage(), e);
    }
    String host = c.admin().listen();
    if (host.equals("0.0.0.0")) {
      host = "127.0.0.1";
    } else if (host.equals("::")) {
      host = "::1";
    }
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    URI url = parse("http://" + host + ":" + c.admin().port());
    return new AdminClient(url, readToken(c.stateDir().resolve(StateDir.TOKEN_FILE)));
  }

  public boolean json() {
    return json;
  }

  private static URI parse(String url) throws CliException {
    try {
      URI u = new URI(url.endsWith("/") ? url : url + "/");
      if (u.getScheme() == null || u.getHost() == null || !u.getScheme().startsWith("http")) {
        throw new URISyntaxException(url, "not an http URL");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new CliException(
          ExitCode.USAGE, "'" + url + "' is not an admin URL like http://127.0.0.1:7070");
    }
  }

  private static String readToken(Path file) throws CliException {
    try {
      String t = Files.readString(file, StandardCharsets.US_ASCII).trim();
      if (t.isEmpty()) {
        throw new CliException(ExitCode.UNAUTHORIZED, "admin token file " + file + " is empty");
      }
      if (!t.matches("[\\x21-\\x7e]{1,512}")) {
        throw new CliException(
            ExitCode.UNAUTHORIZED,
            "admin token file " + file + " does not hold a token (one line, no spaces)");
      }
      return t;
    } catch (NoSuchFileException e) {
      throw new CliException(
          ExitCode.UNAUTHORIZED,
          "no admin token at " + file + " (it is written by 'ferry serve' on first start)");
    } catch (AccessDeniedException e) {
      throw new CliException(
          ExitCode.UNAUTHORIZED,
          "cannot read the admin token " + file + " (run as the user that runs 'ferry serve')");
    } catch (IOException e) {
      throw new CliException(
          ExitCode.UNAUTHORIZED, "cannot read the admin token " + file + ": " + e.getMessage());
    }
  }
}
