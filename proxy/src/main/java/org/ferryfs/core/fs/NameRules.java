package org.ferryfs.core.fs;

import java.nio.charset.StandardCharsets;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;

/**
 * What a name component may be. Names come from clients; a name that could change which directory a
 * path points into ({@code /}, {@code ..}) must never reach a backend.
 */
final class NameRules {
  /** Longest name component in bytes (POSIX NAME_MAX, RFC 1813 filename3 in practice). */
  static final int NAME_MAX = 255;

  private NameRules() {}

  /** A name to look up: {@code .} and {@code ..} allowed. */
  static void requireLookupName(String name) throws BackendException {
    requireWellFormed(name);
  }

  /**
   * A name to create: {@code .} and {@code ..} name existing entries (POSIX mkdir(".") gives
   * EEXIST).
   */
  static void requireNewName(String name) throws BackendException {
    requireWellFormed(name);
    if (isDot(name)) {
      throw new BackendException(BackendStatus.EXISTS, "'" + name + "' always exists");
    }
  }

  /** A name to remove or rename: {@code .} and {@code ..} refused (POSIX: EINVAL). */
  static void requireRemovableName(String name) throws BackendException {
    requireWellFormed(name);
    if (isDot(name)) {
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT, "'" + name + "' cannot be removed or renamed");
    }
  }

  static boolean isDot(String name) {
    return name.equals(".") || name.equals("..");
  }

  private static void requireWellFormed(String name) throws BackendException {
    if (name == null || name.isEmpty()) {
      throw new BackendException(BackendStatus.INVALID_ARGUMENT, "empty name");
    }
    if (name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT, "a name may not contain '/' or NUL");
    }
    if (name.length() > NAME_MAX / 4 && name.getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
      throw new BackendException(
          BackendStatus.NAME_TOO_LONG, "name longer than " + NAME_MAX + " bytes");
    }
  }

  /** {@code dir/name}, where {@code dir} is an export-relative path ("" for the root). */
  static String child(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }
}
