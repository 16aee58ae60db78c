package org.ferryfs.backend.smb;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.ferryfs.backend.Backend;
import org.ferryfs.backend.BackendConfig;
import org.ferryfs.backend.BackendDriver;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;

/**
 * The driver for SMB2/3 file servers, on smbj: {@code smb://host[:port]/share[/subpath]} opens that
 * directory of the share as a backend.
 *
 * <p>Options: {@code username}, {@code password}, {@code domain} (the account; none at all logs on
 * anonymously) and {@code storage}. Anything else, a user or password inside the URL, or a URL that
 * is not {@code smb://host[:port]/share[/subpath]} fails with one line naming the backend and the
 * rule; option values are never printed. The backend connects at open, so a wrong password ({@link
 * BackendStatus#ACCESS_DENIED}), an unreachable server ({@link BackendStatus#UNAVAILABLE}) or a
 * missing share or subpath ({@link BackendStatus#NOT_FOUND}) shows at once.
 */
public final class SmbDriver implements BackendDriver {

  /** The URL scheme served. */
  public static final String SCHEME = "smb";

  static final String USERNAME = "username";
  static final String PASSWORD = "password";
  static final String DOMAIN = "domain";
  static final String STORAGE = "storage";

  private static final Set<String> ACCEPTED = Set.of(USERNAME, PASSWORD, DOMAIN, STORAGE);

  private final Clock clock;

  public SmbDriver() {
    this(Clock.systemUTC());
  }

  /** A driver whose exports take "now" (setattr to server time) from {@code clock}. */
  public SmbDriver(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public Backend open(BackendConfig config) throws BackendException {
    Objects.requireNonNull(config, "config");
    String name = config.name();
    SmbLocation location = SmbLocation.parse(name, config.url());
    Map<String, String> options = config.options();
    List<String> unknown = config.optionsOutside(ACCEPTED);
    if (!unknown.isEmpty()) {
      // names only: option values may be secrets
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT,
          "backend '"
              + name
              + "': unknown options "
              + unknown
              + " for an smb:// backend (accepted: username, password, domain, storage)");
    }
    String username = options.get(USERNAME);
    if (username != null && username.isBlank()) {
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT, "backend '" + name + "': username is empty");
    }
    if (username == null && (options.containsKey(PASSWORD) || options.containsKey(DOMAIN))) {
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT,
          "backend '" + name + "': password or domain given without a username");
    }
    SmbCredentials credentials =
        new SmbCredentials(username, options.get(PASSWORD), options.get(DOMAIN));
    SmbConnector connector = new SmbConnector(name, location, credentials, config.callTimeout());
    SmbBackend backend = new SmbBackend(name, config.url(), location, connector, clock);
    try {
      backend.checkRoot();
    } catch (BackendException | RuntimeException e) {
      backend.close();
      throw e;
    }
    return backend;
  }
}
