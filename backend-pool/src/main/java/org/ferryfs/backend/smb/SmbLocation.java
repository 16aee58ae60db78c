package org.ferryfs.backend.smb;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendPaths;
import org.ferryfs.backend.BackendStatus;

/**
 * Where an {@code smb://host[:port]/share[/subpath]} URL points.
 *
 * @param host the server's host name or address
 * @param port the TCP port (445 when the URL names none)
 * @param share the share name
 * @param subpath directories inside the share that form the backend's root (may be empty)
 */
record SmbLocation(String host, int port, String share, List<String> subpath) {

  /** SMB's default port (direct TCP, [MS-SMB2] 2.1). */
  static final int DEFAULT_PORT = 445;

  /**
   * Parses {@code url} for backend {@code name}, failing with one line that states the rule.
   * Credentials never belong in the URL: they are options.
   */
  static SmbLocation parse(String name, URI url) throws BackendException {
    String rule =
        "backend '"
            + name
            + "': URL "
            + redacted(url)
            + " must be smb://host[:port]/share[/subpath] without user, query or fragment";
    if (url == null
        || url.getScheme() == null
        || !url.getScheme().toLowerCase(Locale.ROOT).equals(SmbDriver.SCHEME)) {
      throw invalid(rule + " (scheme is not smb)");
    }
    if (url.isOpaque()) {
      throw invalid(rule);
    }
    if (url.getRawUserInfo() != null) {
      throw invalid(
          "backend '"
              + name
              + "': the URL must not carry a user or password; give them as the backend's"
              + " username and password options");
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      throw invalid(rule + " (no host)");
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw invalid(rule + " (query or fragment)");
    }
    int port = url.getPort() < 0 ? DEFAULT_PORT : url.getPort();
    if (port == 0 || port > 65535) {
      throw invalid(rule + " (port " + port + ")");
    }
    String path = url.getPath();
    if (path == null || path.length() < 2 || !path.startsWith("/")) {
      throw invalid(rule + " (no share)");
    }
    String rest = path.substring(1);
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    List<String> parts;
    try {
      parts = BackendPaths.split(rest);
    } catch (BackendException e) {
      throw invalid(rule + ": " + e.getMessage());
    }
    for (String part : parts) {
      String bad = SmbNames.problem(part);
      if (bad != null) {
        throw invalid(rule + ": '" + part + "' " + bad);
      }
    }
    return new SmbLocation(url.getHost(), port, parts.get(0), parts.subList(1, parts.size()));
  }

  /** {@code smb://host:port/share/subpath}, for messages and {@code describe()}. */
  String display() {
    StringBuilder b = new StringBuilder("smb://").append(host);
    if (port != DEFAULT_PORT) {
      b.append(':').append(port);
    }
    b.append('/').append(share);
    for (String s : subpath) {
      b.append('/').append(s);
    }
    return b.toString();
  }

  private static String redacted(URI url) {
    if (url == null) {
      return "null";
    }
    if (url.getRawUserInfo() == null) {
      return url.toString();
    }
    // the user info may hold a password: show the URL without it
    return url.toString().replace(url.getRawUserInfo() + "@", "***@");
  }

  private static BackendException invalid(String message) {
    return new BackendException(BackendStatus.INVALID_ARGUMENT, message);
  }
}
