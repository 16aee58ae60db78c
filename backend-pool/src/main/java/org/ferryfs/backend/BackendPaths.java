package org.ferryfs.backend;

import java.util.ArrayList;
import java.util.List;

/**
 * The path rules of {@link BackendExport}, checked in one place for every driver.
 *
 * <p>A path is relative to the export root: components separated by a single {@code /}, no leading
 * or trailing {@code /}, {@code ""} naming the root. A component is never empty, never {@code .} or
 * {@code ..}, and never holds NUL. The core only builds such paths; drivers check them again
 * because a path that breaks these rules is the first step of every escape from an export root.
 */
public final class BackendPaths {

  private static final String RULE =
      "(paths are relative to the export root: components separated by a single '/', no leading or"
          + " trailing '/', no empty, '.' or '..' components, no NUL)";

  private BackendPaths() {}

  /**
   * The components of {@code path}; empty for the export root {@code ""}.
   *
   * @throws BackendException {@link BackendStatus#INVALID_ARGUMENT} if {@code path} breaks a rule
   */
  public static List<String> split(String path) throws BackendException {
    if (path == null) {
      throw new BackendException(BackendStatus.INVALID_ARGUMENT, "path is null " + RULE);
    }
    if (path.isEmpty()) {
      return List.of();
    }
    List<String> components = new ArrayList<>();
    int start = 0;
    while (true) {
      int slash = path.indexOf('/', start);
      String component = slash < 0 ? path.substring(start) : path.substring(start, slash);
      checkComponent(path, component);
      components.add(component);
      if (slash < 0) {
        return List.copyOf(components);
      }
      start = slash + 1;
    }
  }

  /**
   * Checks one name (a single path component), e.g. the new name of a CREATE.
   *
   * @throws BackendException {@link BackendStatus#INVALID_ARGUMENT} if it is empty, {@code .},
   *     {@code ..}, or holds {@code /} or NUL
   */
  public static void checkName(String name) throws BackendException {
    if (name == null) {
      throw new BackendException(BackendStatus.INVALID_ARGUMENT, "name is null");
    }
    if (name.indexOf('/') >= 0) {
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT, "name '" + name + "' holds '/' " + RULE);
    }
    checkComponent(name, name);
  }

  /** Joins components back into a path; the inverse of {@link #split}. */
  public static String join(List<String> components) {
    return String.join("/", components);
  }

  private static void checkComponent(String path, String component) throws BackendException {
    String problem;
    if (component.isEmpty()) {
      problem = "an empty component";
    } else if (component.equals(".") || component.equals("..")) {
      problem = "a '" + component + "' component";
    } else if (component.indexOf('\0') >= 0) {
      problem = "a NUL character";
    } else {
      return;
    }
    throw new BackendException(
        BackendStatus.INVALID_ARGUMENT,
        "path '" + printable(path) + "' has " + problem + " " + RULE);
  }

  private static String printable(String path) {
    return path.replace("\0", "\\0");
  }
}
