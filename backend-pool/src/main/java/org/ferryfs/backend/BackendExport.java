package org.ferryfs.backend;

import java.util.List;

/**
 * One export's root on one backend: the file operations the core needs, addressed by path.
 *
 * <p><b>Paths.</b> Every {@code path} is relative to the export root, components separated by
 * {@code /}, no leading or trailing slash, {@code ""} naming the root itself. The core builds paths
 * only from names it has validated (no {@code .}, {@code ..}, {@code /} or NUL inside a component),
 * and a driver must still make sure that nothing reaches outside the export root: a symbolic link
 * on the backend is never followed while resolving a path (not in intermediate components, not in
 * the final one), so a link pointing outside the root cannot be used to escape.
 *
 * <p><b>Statelessness.</b> Apart from {@link BackendHandle}s, a driver keeps no per-client state:
 * every call stands alone, as in nfs4j's VFS. Opens, locks and leases are the core's business.
 *
 * <p><b>Errors.</b> Every failure is a {@link BackendException} with the neutral {@link
 * BackendStatus}; drivers never leak their library's exceptions. Optional features answer {@link
 * BackendStatus#NOT_SUPPORTED} through the default methods here.
 *
 * <p><b>Ownership and permissions.</b> Drivers act with the backend's own credentials and do not
 * check the client's permissions; the core does that before calling. {@code initial} attributes of
 * create calls carry the owner the core wants the new object to have; a driver that cannot store
 * owners ignores them (see {@link BackendCapabilities#posixOwnership()}).
 */
public interface BackendExport extends AutoCloseable {

  /** A short description for logs, e.g. {@code file:///srv/a/alpha}. Never contains secrets. */
  String describe();

  /** What this export can represent. */
  BackendCapabilities capabilities();

  /** Attributes of the object at {@code path}, not following a final symbolic link. */
  FileAttributes getattr(String path) throws BackendException;

  /**
   * Changes attributes of the object at {@code path}; a size change truncates or extends a regular
   * file.
   *
   * @return the attributes after the change
   */
  FileAttributes setattr(String path, SetAttributes change) throws BackendException;

  /**
   * Every entry of the directory at {@code dir}, without "." and "..", in no particular order.
   *
   * @throws BackendException {@link BackendStatus#NOT_DIRECTORY} if {@code dir} is no directory
   */
  List<DirEntry> list(String dir) throws BackendException;

  /**
   * Creates a regular file.
   *
   * @param exclusive fail with {@link BackendStatus#EXISTS} if the name exists; otherwise an
   *     existing regular file is kept as it is (and {@code initial.size()} applied, if given)
   * @return the new (or existing) file's attributes
   */
  FileAttributes create(String path, SetAttributes initial, boolean exclusive)
      throws BackendException;

  /** Creates a directory; {@link BackendStatus#EXISTS} if the name exists. */
  FileAttributes mkdir(String path, SetAttributes initial) throws BackendException;

  /** Creates a symbolic link holding {@code target} verbatim (never interpreted by Ferry). */
  default FileAttributes symlink(String path, String target, SetAttributes initial)
      throws BackendException {
    throw new BackendException(BackendStatus.NOT_SUPPORTED, "symbolic links: " + describe());
  }

  /**
   * The target of the symbolic link at {@code path}; {@link BackendStatus#INVALID_ARGUMENT} if it
   * is none.
   */
  default String readlink(String path) throws BackendException {
    throw new BackendException(BackendStatus.NOT_SUPPORTED, "symbolic links: " + describe());
  }

  /**
   * Creates a device node, FIFO or socket.
   *
   * @param type one of {@link FileType#BLOCK_DEVICE}, {@link FileType#CHAR_DEVICE}, {@link
   *     FileType#FIFO}, {@link FileType#SOCKET}
   */
  default FileAttributes mknod(
      String path, FileType type, int major, int minor, SetAttributes initial)
      throws BackendException {
    throw new BackendException(BackendStatus.NOT_SUPPORTED, "special files: " + describe());
  }

  /** Removes a non-directory; {@link BackendStatus#IS_DIRECTORY} for a directory. */
  void remove(String path) throws BackendException;

  /** Removes an empty directory; {@link BackendStatus#NOT_EMPTY} if it has entries. */
  void rmdir(String path) throws BackendException;

  /**
   * Renames {@code from} to {@code to} with POSIX rename(2) semantics: an existing {@code to} is
   * replaced if the types are compatible (a non-empty directory is never replaced).
   */
  void rename(String from, String to) throws BackendException;

  /**
   * Creates a hard link {@code newPath} to the non-directory at {@code existing}.
   *
   * @return the attributes of the linked object (its link count now raised)
   */
  default FileAttributes link(String existing, String newPath) throws BackendException {
    throw new BackendException(BackendStatus.NOT_SUPPORTED, "hard links: " + describe());
  }

  /** Opens the regular file at {@code path} for I/O, allowing others every access. */
  BackendHandle open(String path, OpenMode mode) throws BackendException;

  /**
   * Opens with a share mode the backend enforces against its other clients (an SMB server's own
   * clients, say). Ferry enforces share modes among its own clients in the core either way; a
   * backend that has no share modes (a local directory, an NFSv3 server) ignores {@code share},
   * which is what this default does.
   *
   * @throws BackendException {@link BackendStatus#SHARING_VIOLATION} when an open on the backend
   *     conflicts
   */
  default BackendHandle open(String path, OpenMode mode, java.util.Set<ShareAccess> share)
      throws BackendException {
    return open(path, mode);
  }

  /** Space and file counts of the file system holding the export. */
  FsStats fsstat() throws BackendException;

  /** Releases whatever the export holds (cached handles, sessions). */
  @Override
  void close();
}
