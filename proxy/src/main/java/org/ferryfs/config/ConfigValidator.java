package org.ferryfs.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.ferryfs.core.ClientRule;
import org.ferryfs.core.ExportPaths;
import org.ferryfs.mapping.ExportMapping;

/** The rules between configuration values, each failure one line naming the key. */
final class ConfigValidator {
  private static final Pattern BACKEND_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Set<String> SCHEMES = Set.of("file", "smb", "nfs");

  private ConfigValidator() {}

  static void validate(Path file, FerryConfig c) throws ConfigException {
    String f = file + ": ";
    requireAddress(f, "listen", c.listen());
    requireAddress(f, "admin.listen", c.admin().listen());
    requirePort(f, "nfs.port", c.nfs().port(), true);
    if (c.nfs().portmapperPort() != null) {
      requirePort(f, "nfs.portmapper-port", c.nfs().portmapperPort(), false);
    }
    requirePort(f, "admin.port", c.admin().port(), true);
    validateSmb(f, c);

    Set<String> backends = new HashSet<>();
    for (int i = 0; i < c.backends().size(); i++) {
      FerryConfig.Backend b = c.backends().get(i);
      String at = "backends[" + i + "]";
      if (b == null || b.name() == null || b.name().isBlank()) {
        throw new ConfigException(f + at + ": 'name' is required");
      }
      if (!BACKEND_NAME.matcher(b.name()).matches()) {
        throw new ConfigException(
            f + at + ": backend name '" + b.name() + "' may use letters, digits, '.', '_', '-'");
      }
      if (!backends.add(b.name())) {
        throw new ConfigException(f + "backend '" + b.name() + "' is defined twice");
      }
      String who = "backend '" + b.name() + "'";
      requireUrl(f, who, b.url());
      if (b.timeout() != null) {
        try {
          Durations.parse(b.timeout());
        } catch (IllegalArgumentException e) {
          throw new ConfigException(f + who + ": timeout " + e.getMessage());
        }
      }
      String scheme = URI.create(b.url()).getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("smb")
          && (b.username() != null
              || b.password() != null
              || b.passwordFile() != null
              || b.domain() != null)) {
        throw new ConfigException(
            f
                + who
                + ": username, password, password-file and domain apply to smb:// backends only");
      }
    }

    Set<String> exports = new HashSet<>();
    for (int i = 0; i < c.exports().size(); i++) {
      FerryConfig.Export e = c.exports().get(i);
      String at = "exports[" + i + "]";
      if (e == null || e.name() == null || e.name().isBlank()) {
        throw new ConfigException(f + at + ": 'name' is required");
      }
      if (!ExportMapping.NAME.matcher(e.name()).matches()) {
        throw new ConfigException(
            f
                + "export name '"
                + e.name()
                + "' is not valid: use letters, digits, '.', '_' and '-', starting with a letter"
                + " or digit");
      }
      if (!exports.add(e.name())) {
        throw new ConfigException(f + "export '" + e.name() + "' is defined twice");
      }
      if (e.backend() == null || e.backend().isBlank()) {
        throw new ConfigException(f + "export '" + e.name() + "': 'backend' is required");
      }
      if (!backends.contains(e.backend())) {
        throw new ConfigException(
            f
                + "export '"
                + e.name()
                + "' names unknown backend '"
                + e.backend()
                + "' (defined: "
                + (backends.isEmpty()
                    ? "none"
                    : String.join(", ", backends.stream().sorted().toList()))
                + ")");
      }
      try {
        ExportPaths.normalize(e.effectivePath());
      } catch (IllegalArgumentException ex) {
        throw new ConfigException(f + "export '" + e.name() + "': " + ex.getMessage());
      }
      try {
        ClientRule.parse(e.clients());
      } catch (IllegalArgumentException ex) {
        throw new ConfigException(f + "export '" + e.name() + "' clients: " + ex.getMessage());
      }
    }
  }

  private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private static void validateSmb(String f, FerryConfig c) throws ConfigException {
    FerryConfig.Smb smb = c.smb();
    if (smb != null) {
      requirePort(f, "smb.port", smb.port(), true);
      if (!smb.signing().equals("required") && !smb.signing().equals("enabled")) {
        throw new ConfigException(
            f + "'smb.signing': '" + smb.signing() + "' must be required or enabled");
      }
      switch (smb.encryption()) {
        case "off", "optional", "required" -> {}
        default ->
            throw new ConfigException(
                f
                    + "'smb.encryption': '"
                    + smb.encryption()
                    + "' must be off, optional or required");
      }
      if (smb.guest()) {
        throw new ConfigException(f + "'smb.guest': guest sessions are not implemented yet");
      }
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < c.users().size(); i++) {
      FerryConfig.User u = c.users().get(i);
      String at = "users[" + i + "]";
      if (u == null || u.name() == null || !USER_NAME.matcher(u.name()).matches()) {
        throw new ConfigException(
            f + at + ": 'name' is required and may use letters, digits, '.', '_', '-'");
      }
      if (!names.add(u.name().toLowerCase(Locale.ROOT))) {
        throw new ConfigException(f + "user '" + u.name() + "' is defined twice");
      }
      if ((u.password() == null) == (u.passwordFile() == null)) {
        throw new ConfigException(
            f + "user '" + u.name() + "': give exactly one of 'password' and 'password-file'");
      }
      if (u.uid() < 0 || u.gid() < 0) {
        throw new ConfigException(f + "user '" + u.name() + "': uid and gid must not be negative");
      }
    }
    if (smb != null && c.users().isEmpty()) {
      throw new ConfigException(f + "'smb' is configured but 'users' lists no account");
    }
  }

  private static void requireAddress(String f, String key, String value) throws ConfigException {
    if (value == null || value.isBlank()) {
      throw new ConfigException(f + "'" + key + "' must be an IP address");
    }
    if (!value.matches("[0-9A-Fa-f:.]+") && !value.equals("localhost")) {
      throw new ConfigException(
          f + "'" + key + "': '" + value + "' is not an IP address (like 127.0.0.1 or 0.0.0.0)");
    }
    try {
      InetAddress.getByName(value);
    } catch (UnknownHostException e) {
      throw new ConfigException(f + "'" + key + "': '" + value + "' is not an IP address");
    }
  }

  private static void requirePort(String f, String key, int port, boolean zeroAllowed)
      throws ConfigException {
    if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
      throw new ConfigException(f + "'" + key + "': " + port + " is not a TCP port (1-65535)");
    }
  }

  private static void requireUrl(String f, String who, String url) throws ConfigException {
    if (url == null || url.isBlank()) {
      throw new ConfigException(f + who + ": 'url' is required (like file:///srv/a)");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new ConfigException(f + who + ": '" + url + "' is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme)) {
      throw new ConfigException(
          f
              + who
              + ": unsupported URL scheme in '"
              + url
              + "' (supported: "
              + String.join(", ", SCHEMES)
              + ")");
    }
    if (scheme.equals("file")
        && (uri.getPath() == null
            || !uri.getPath().startsWith("/")
            || uri.getAuthority() != null)) {
      throw new ConfigException(
          f + who + ": '" + url + "' must name an absolute directory, like file:///srv/a");
    }
  }
}
