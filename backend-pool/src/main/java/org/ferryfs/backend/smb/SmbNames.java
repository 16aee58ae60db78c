package org.ferryfs.backend.smb;

import java.util.ArrayList;
import java.util.List;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendPaths;
import org.ferryfs.backend.BackendStatus;

/**
 * SPI paths ({@code a/b}, see {@link BackendPaths}) to SMB paths ({@code a\b}, relative to the
 * share, [MS-SMB2] 2.2.13 CREATE Request "Buffer": no leading backslash).
 *
 * <p>SMB names cannot carry {@code \ / : * ? " < > |} or control characters ([MS-FSCC] 2.1.5.2
 * "Filename"); a POSIX name holding one would otherwise reach the server as a separator, a wildcard
 * or a stream name ({@code a:b}). Such names are refused with {@link
 * BackendStatus#INVALID_ARGUMENT} before anything is sent.
 */
final class SmbNames {
  private static final String FORBIDDEN = "\\/:*?\"<>|";

  private SmbNames() {}

  /** Why {@code name} cannot be an SMB name component, or {@code null} if it can. */
  static String problem(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20) {
        return "holds control character 0x" + Integer.toHexString(c) + ", which SMB cannot carry";
      }
      if (FORBIDDEN.indexOf(c) >= 0) {
        return "holds '" + c + "', which SMB cannot carry in a name";
      }
    }
    return null;
  }

  /**
   * The components of SPI {@code path}, checked against the SPI rules and the SMB name rules.
   *
   * @throws BackendException {@link BackendStatus#INVALID_ARGUMENT} for a path breaking either
   */
  static List<String> split(String path) throws BackendException {
    List<String> parts = BackendPaths.split(path);
    for (String part : parts) {
      String bad = problem(part);
      if (bad != null) {
        throw new BackendException(
            BackendStatus.INVALID_ARGUMENT, "path '" + path + "': name '" + part + "' " + bad);
      }
    }
    return parts;
  }

  /** The share-relative SMB path of {@code components} below {@code base}. */
  static String join(List<String> base, List<String> components) {
    List<String> all = new ArrayList<>(base.size() + components.size());
    all.addAll(base);
    all.addAll(components);
    return String.join("\\", all);
  }
}
