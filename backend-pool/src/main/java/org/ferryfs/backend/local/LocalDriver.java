package org.ferryfs.backend.local;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.ferryfs.backend.Backend;
import org.ferryfs.backend.BackendConfig;
import org.ferryfs.backend.BackendDriver;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver for local directories: {@code file:///srv/a} opens the directory {@code /srv/a} as a
 * backend. The only option it takes is {@code storage} (two local backends on one shared file
 * system may name the same storage); an account makes no sense for a local directory.
 *
 * <p>Checks at open, each failing with one line that names the rule: the URL is an absolute {@code
 * file} URL without host, query or fragment; the root exists and is a directory (its real path is
 * used from then on); the JVM encodes file names in UTF-8 (else non-ASCII names would turn into
 * {@code ?}); the platform has {@code openat} ({@link java.nio.file.SecureDirectoryStream}).
 */
public final class LocalDriver implements BackendDriver {
  private static final Logger LOG = LoggerFactory.getLogger(LocalDriver.class);

  /** The URL scheme served. */
  public static final String SCHEME = "file";

  /** Options a local backend may carry. */
  private static final Set<String> ACCEPTED = Set.of("storage");

  private final Clock clock;

  public LocalDriver() {
    this(Clock.systemUTC());
  }

  /** A driver whose exports take "now" (setattr to server time) from {@code clock}. */
  public LocalDriver(Clock clock) {
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
    URI url = config.url();
    Path root = rootOf(name, url);
    List<String> unknown = config.optionsOutside(ACCEPTED);
    if (!unknown.isEmpty()) {
      // names only: option values may be secrets
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT,
          "backend '"
              + name
              + "': a local directory takes no account or other options, remove "
              + unknown);
    }
    checkFileNameEncoding(name, System.getProperty("sun.jnu.encoding"));
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(root, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new BackendException(
          BackendStatus.NOT_FOUND,
          "backend '" + name + "': root directory " + root + " does not exist",
          e);
    } catch (IOException e) {
      throw LocalErrors.map(e, "backend '" + name + "': root directory " + root);
    }
    if (!a.isDirectory()) {
      throw new BackendException(
          BackendStatus.NOT_DIRECTORY,
          "backend '" + name + "': root " + root + " is not a directory");
    }
    Path real;
    try {
      real = root.toRealPath();
    } catch (IOException e) {
      throw LocalErrors.map(e, "backend '" + name + "': root directory " + root);
    }
    warnIfErrorTextsTranslated(name, errorTextProbe(real));
    boolean isRoot = processIsRoot();
    LOG.info(
        "backend {}: local directory {}{}",
        name,
        real,
        isRoot ? "" : " (not running as root: new objects keep Ferry's owner)");
    return new LocalBackend(name, url, real, clock, isRoot, processIds());
  }

  /** The root directory a {@code file} URL names. */
  static Path rootOf(String name, URI url) throws BackendException {
    String rule =
        "backend '"
            + name
            + "': URL "
            + url
            + " must be an absolute file URL without host, query or fragment, e.g."
            + " file:///srv/backend-a";
    if (url.getScheme() == null || !SCHEME.equals(url.getScheme().toLowerCase(Locale.ROOT))) {
      throw new BackendException(BackendStatus.INVALID_ARGUMENT, rule + " (scheme is not file)");
    }
    String host = url.getHost() != null ? url.getHost() : url.getRawAuthority();
    if (url.isOpaque()
        || url.getPath() == null
        || !url.getPath().startsWith("/")
        || (host != null && !host.isEmpty() && !host.equalsIgnoreCase("localhost"))
        || url.getRawQuery() != null
        || url.getRawFragment() != null) {
      throw new BackendException(BackendStatus.INVALID_ARGUMENT, rule);
    }
    try {
      return Path.of(url.getPath());
    } catch (RuntimeException e) {
      throw new BackendException(BackendStatus.INVALID_ARGUMENT, rule + ": " + e.getMessage(), e);
    }
  }

  /**
   * Fails unless the JVM's file-name encoding is UTF-8: with another one (the C/POSIX locale gives
   * ASCII) java.nio turns every non-ASCII name into {@code ?} and cannot reach existing ones.
   */
  static void checkFileNameEncoding(String backendName, String encoding) throws BackendException {
    boolean utf8;
    try {
      utf8 = encoding != null && Charset.forName(encoding).equals(StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      utf8 = false;
    }
    if (!utf8) {
      throw new BackendException(
          BackendStatus.NOT_SUPPORTED,
          "backend '"
              + backendName
              + "': the local driver needs UTF-8 file names, but the JVM encodes them as "
              + encoding
              + " (sun.jnu.encoding); start Ferry in a UTF-8 locale, e.g. LANG=C.UTF-8");
    }
  }

  /**
   * The error text of a harmless failing call: opening a directory for writing fails EISDIR ("Is a
   * directory" in the C locale) before any change; {@code null} if it did not fail.
   */
  static String errorTextProbe(Path dir) {
    try (FileChannel opened = FileChannel.open(dir, StandardOpenOption.WRITE, NOFOLLOW_LINKS)) {
      LOG.debug("{} opened for writing though it is a directory: {}", dir, opened);
      return null;
    } catch (FileSystemException e) {
      return e.getReason();
    } catch (IOException | RuntimeException e) {
      return e.getMessage();
    }
  }

  /** Warns when error texts are translated: {@link LocalErrors} matches the C-locale ones. */
  static boolean warnIfErrorTextsTranslated(String backendName, String probeText) {
    if (probeText == null || LocalErrors.byText(probeText) == BackendStatus.IS_DIRECTORY) {
      return false;
    }
    LOG.warn(
        "backend '{}': error messages are translated ('{}' for EISDIR); the local driver maps"
            + " errors by their C-locale texts, so most errors will become IO_ERROR. Start Ferry"
            + " with LC_MESSAGES=C.UTF-8.",
        backendName,
        probeText);
    return true;
  }

  /**
   * The owner and group this process gives the objects it creates (the file-system uid and gid of
   * {@code /proc/self/status}, Linux; the group may still come from a setgid directory), or {@link
   * Ids#UNKNOWN}.
   */
  static Ids processIds() {
    try {
      int uid = -1;
      int gid = -1;
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          uid = fsId(line);
        } else if (line.startsWith("Gid:")) {
          gid = fsId(line);
        }
      }
      if (uid >= 0 && gid >= 0) {
        return new Ids(true, uid, gid);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot read the file-system uid and gid: {}", e.toString());
    }
    return Ids.UNKNOWN;
  }

  /** The fourth id (real, effective, saved, file system) of a {@code Uid:}/{@code Gid:} line. */
  private static int fsId(String line) {
    String[] f = line.substring(4).trim().split("\\s+");
    return f.length > 3 ? Integer.parseInt(f[3]) : -1;
  }

  /**
   * Owner and group of the objects this process creates, when {@code known}: a new object whose
   * requested owner is {@code uid} needs no chown(2) of its owner.
   */
  record Ids(boolean known, int uid, int gid) {
    static final Ids UNKNOWN = new Ids(false, -1, -1);

    /** Whether a new object is created with owner {@code wanted} ({@code null}: any is fine). */
    boolean createsOwner(Integer wanted) {
      return wanted == null || (known && wanted == uid);
    }
  }

  /** Whether this process's effective uid is 0, from {@code /proc/self/status} (Linux). */
  static boolean processIsRoot() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
      for (String line : lines) {
        if (line.startsWith("Uid:")) {
          String[] f = line.substring(4).trim().split("\\s+");
          return f.length > 1 && f[1].equals("0"); // real, effective, saved, fs
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot read the effective uid: {}", e.toString());
    }
    return false;
  }
}
