package org.ferryfs.backend.nfs;

import java.net.URI;
import java.util.Locale;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;

/**
 * A parsed {@code nfs://host[:port]/export/path[?mountport=N]} backend URL.
 *
 * @param host the server's host name or address
 * @param port the NFS port (2049 when not given)
 * @param exportPath the path the server exports, as MNT takes it (RFC 1813 §5.2.1 {@code dirpath})
 * @param mountPort the MOUNT port, or 0 to ask the server's portmapper (RFC 1833) on port 111
 */
record NfsUrl(String host, int port, String exportPath, int mountPort) {

  /** The NFS port when the URL gives none (RFC 1813 §1.3 leaves it to portmap; 2049 by custom). */
  static final int DEFAULT_PORT = 2049;

  /** Longest dirpath MNT takes (RFC 1813 §5.1, MNTPATHLEN). */
  static final int MNTPATHLEN = 1024;

  static NfsUrl parse(String backend, URI url) throws BackendException {
    String rule =
        "backend '"
            + backend
            + "': URL "
            + url
            + " must be nfs://host[:port]/export/path[?mountport=N], e.g."
            + " nfs://filer.example/srv/exports";
    if (url.getScheme() == null || !url.getScheme().toLowerCase(Locale.ROOT).equals("nfs")) {
      throw invalid(rule + " (scheme is not nfs)");
    }
    if (url.isOpaque() || url.getHost() == null || url.getHost().isEmpty()) {
      throw invalid(rule + " (no host)");
    }
    if (url.getRawUserInfo() != null) {
      throw invalid(rule + " (NFS URLs carry no user; AUTH_SYS ids are options uid and gid)");
    }
    if (url.getRawFragment() != null) {
      throw invalid(rule + " (no fragment)");
    }
    String path = url.getPath();
    if (path == null || !path.startsWith("/") || path.length() > MNTPATHLEN) {
      throw invalid(rule + " (the export path must be absolute and at most 1024 bytes)");
    }
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    int mountPort = 0;
    String query = url.getRawQuery();
    if (query != null) {
      for (String param : query.split("&", -1)) {
        int eq = param.indexOf('=');
        String key = eq < 0 ? param : param.substring(0, eq);
        if (!key.equals("mountport") || eq < 0) {
          throw invalid(rule + " (unknown query parameter '" + key + "'; only mountport=N)");
        }
        mountPort = port(rule, param.substring(eq + 1));
      }
    }
    int port = url.getPort() < 0 ? DEFAULT_PORT : url.getPort();
    if (port == 0 || port > 65535) {
      throw invalid(rule + " (port " + port + " is not 1..65535)");
    }
    return new NfsUrl(url.getHost(), port, path, mountPort);
  }

  private static int port(String rule, String value) throws BackendException {
    try {
      int p = Integer.parseInt(value);
      if (p >= 1 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // falls through to the message
    }
    throw invalid(rule + " (mountport '" + value + "' is not a port 1..65535)");
  }

  private static BackendException invalid(String message) {
    return new BackendException(BackendStatus.INVALID_ARGUMENT, message);
  }
}
