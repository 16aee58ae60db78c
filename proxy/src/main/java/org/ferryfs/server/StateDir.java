package org.ferryfs.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import org.ferryfs.config.ConfigException;

/**
 * Ferry's state directory: the export table ({@code mappings.db}), the handle map ({@code
 * handles.db}), the admin token ({@code admin.token}, mode 0600) and the handle secret ({@code
 * handle.secret}, mode 0600). Secrets are made on first start and never change afterwards: handles
 * clients hold stay valid across restarts.
 */
public final class StateDir {
  public static final String TOKEN_FILE = "admin.token";
  private static final String SECRET_FILE = "handle.secret";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;

  private StateDir(Path dir) {
    this.dir = dir;
  }

  /** Opens the state directory, creating it (mode 0700) if missing. */
  public static StateDir open(Path dir) throws ConfigException {
    Path abs = dir.toAbsolutePath().normalize();
    try {
      if (!Files.exists(abs)) {
        Files.createDirectories(abs);
        Files.setPosixFilePermissions(abs, OWNER_DIR);
      }
    } catch (IOException e) {
      throw new ConfigException("state-dir " + abs + " cannot be created: " + reason(e), e);
    }
    if (!Files.isDirectory(abs)) {
      throw new ConfigException("state-dir " + abs + " is not a directory");
    }
    if (!Files.isWritable(abs)) {
      throw new ConfigException("state-dir " + abs + " is not writable by this user");
    }
    return new StateDir(abs);
  }

  public Path path() {
    return dir;
  }

  public Path mappingsFile() {
    return dir.resolve("mappings.db");
  }

  public Path handlesFile() {
    return dir.resolve("handles.db");
  }

  public Path tokenFile() {
    return dir.resolve(TOKEN_FILE);
  }

  /** The admin API's bearer token, made on first use. */
  public String adminToken() throws ConfigException {
    byte[] raw =
        secretFile(
            tokenFile(),
            () -> HexFormat.of().formatHex(random(32)).getBytes(StandardCharsets.US_ASCII));
    return new String(raw, StandardCharsets.US_ASCII).trim();
  }

  /** The secret that authenticates file handles, made on first use. */
  public byte[] handleSecret() throws ConfigException {
    return secretFile(dir.resolve(SECRET_FILE), () -> random(32));
  }

  private interface Maker {
    byte[] make();
  }

  private static byte[] secretFile(Path file, Maker maker) throws ConfigException {
    try {
      if (!Files.exists(file)) {
        try {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
          Files.write(
              file, maker.make(), StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
        } catch (FileAlreadyExistsException raced) {
          // another start made it: use theirs
        }
      }
      byte[] data = Files.readAllBytes(file);
      if (data.length < 32) {
        throw new ConfigException(
            file + " is damaged (shorter than 32 bytes); remove it to make a new one");
      }
      return data;
    } catch (IOException e) {
      throw new ConfigException(file + ": " + reason(e), e);
    }
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static String reason(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
