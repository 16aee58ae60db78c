package org.ferryfs.backend.local;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ferryfs.backend.Backend;
import org.ferryfs.backend.BackendException;
import org.ferryfs.backend.BackendExport;
import org.ferryfs.backend.BackendPaths;
import org.ferryfs.backend.BackendStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory tree of the local file system used as a backend; its exports are directories inside
 * it. Created by {@link LocalDriver}.
 *
 * <p>An export path ({@code /alpha/projects}) names real directories below the backend root: the
 * same lexical rules as {@link BackendPaths} (after the leading {@code /}), and no component may be
 * a symbolic link, whether it points inside the root or not, so no export can reach outside.
 */
public final class LocalBackend implements Backend {
  private static final Logger LOG = LoggerFactory.getLogger(LocalBackend.class);

  private final String name;
  private final URI url;
  private final Path root;
  private final Clock clock;
  private final boolean processIsRoot;
  private final LocalDriver.Ids ids;
  private final Set<LocalBackendExport> exports = ConcurrentHashMap.newKeySet();

  LocalBackend(
      String name, URI url, Path root, Clock clock, boolean processIsRoot, LocalDriver.Ids ids) {
    this.name = name;
    this.url = url;
    this.root = root;
    this.clock = clock;
    this.processIsRoot = processIsRoot;
    this.ids = ids;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public URI url() {
    return url;
  }

  /** The backend's root directory (a real path). */
  public Path root() {
    return root;
  }

  @Override
  public BackendExport export(String path, boolean createIfMissing) throws BackendException {
    List<String> components = exportComponents(path);
    Path dir = root;
    for (int i = 0; i < components.size(); i++) {
      dir = dir.resolve(components.get(i));
      String shown = "/" + BackendPaths.join(components.subList(0, i + 1));
      try {
        BasicFileAttributes a = readIfExists(dir);
        if (a == null) {
          if (!createIfMissing) {
            throw new BackendException(
                BackendStatus.NOT_FOUND,
                "backend '" + name + "': export directory " + shown + " does not exist");
          }
          try {
            Files.createDirectory(dir);
            LOG.info("backend {}: created export directory {}", name, shown);
          } catch (FileAlreadyExistsException raced) {
            LOG.debug("backend {}: {} appeared while creating it", name, shown);
          }
          a = Files.readAttributes(dir, BasicFileAttributes.class, NOFOLLOW_LINKS);
        }
        if (a.isSymbolicLink()) {
          throw new BackendException(
              BackendStatus.SYMLINK_LOOP,
              "backend '"
                  + name
                  + "': export path "
                  + path
                  + ": "
                  + shown
                  + " is a symbolic link; an export path must name real directories inside the"
                  + " backend root");
        }
        if (!a.isDirectory()) {
          throw new BackendException(
              BackendStatus.NOT_DIRECTORY,
              "backend '" + name + "': export path " + path + ": " + shown + " is not a directory");
        }
      } catch (IOException e) {
        throw LocalErrors.map(e, "backend '" + name + "': export " + path);
      }
    }
    String description = stripSlash(url.toString()) + (components.isEmpty() ? "" : path);
    LocalBackendExport[] holder = new LocalBackendExport[1];
    LocalBackendExport export =
        LocalBackendExport.open(
            dir, description, clock, processIsRoot, ids, () -> exports.remove(holder[0]));
    holder[0] = export;
    exports.add(export);
    return export;
  }

  @Override
  public boolean callsAreLocal() {
    return true;
  }

  @Override
  public void probe() throws BackendException {
    try {
      BasicFileAttributes a = Files.readAttributes(root, BasicFileAttributes.class, NOFOLLOW_LINKS);
      if (!a.isDirectory()) {
        throw new BackendException(
            BackendStatus.UNAVAILABLE,
            "backend '" + name + "': root " + root + " is no longer a directory");
      }
    } catch (IOException e) {
      BackendException mapped = LocalErrors.map(e, "backend '" + name + "': probe " + root);
      throw new BackendException(BackendStatus.UNAVAILABLE, mapped.getMessage(), e);
    }
  }

  @Override
  public void close() {
    for (LocalBackendExport e : new ArrayList<>(exports)) {
      e.close();
    }
    exports.clear();
  }

  @Override
  public String toString() {
    return "LocalBackend[" + name + " " + url + "]";
  }

  /**
   * The components of an export path: {@code /} alone is the backend root, else {@code /a/b} with
   * the component rules of {@link BackendPaths}.
   */
  static List<String> exportComponents(String path) throws BackendException {
    if (path == null || !path.startsWith("/")) {
      throw new BackendException(
          BackendStatus.INVALID_ARGUMENT,
          "export path '" + path + "' must be absolute inside the backend, e.g. /alpha");
    }
    if (path.equals("/")) {
      return List.of();
    }
    return BackendPaths.split(path.substring(1));
  }

  private static BasicFileAttributes readIfExists(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
