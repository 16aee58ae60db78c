package org.ferryfs.core;

/** The rule for an export's path inside its backend. */
public final class ExportPaths {
  private ExportPaths() {}

  /**
   * Normalises an export path: absolute, no empty, {@code .} or {@code ..} components, no trailing
   * slash ({@code "/"} stays).
   *
   * @throws IllegalArgumentException stating the rule
   */
  public static String normalize(String path) {
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException(
          "path '" + path + "' must be absolute inside the backend, like /alpha");
    }
    StringBuilder sb = new StringBuilder();
    for (String part : path.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      if (part.equals(".") || part.equals("..") || part.indexOf('\0') >= 0) {
        throw new IllegalArgumentException(
            "path '" + path + "' may not contain '.' or '..' components");
      }
      sb.append('/').append(part);
    }
    return sb.length() == 0 ? "/" : sb.toString();
  }
}
