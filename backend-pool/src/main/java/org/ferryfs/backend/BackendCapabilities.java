package org.ferryfs.backend;

/**
 * What a backend export can represent. The core consults it before an operation that needs a
 * feature (a symlink, a hard link, a device node, POSIX ownership) so a missing feature becomes a
 * clear {@link BackendStatus#NOT_SUPPORTED} instead of a half-done operation; a move later compares
 * the source's and the target's capabilities.
 *
 * @param symlinks symbolic links can be created and read
 * @param hardLinks hard links can be created
 * @param specialFiles device nodes, FIFOs and sockets can be created
 * @param posixOwnership numeric uid/gid are stored and can be changed
 * @param posixModes permission bits are stored and can be changed
 * @param caseSensitive names differing only in case are different objects
 * @param maxNameLength longest name component in bytes
 * @param maxFileSize largest file size
 * @param symlinkTimes the times of a symbolic link itself can be set (lutimes); where not, a
 *     symlink's initial times are ignored at creation (as owners are without {@code
 *     posixOwnership}) and a {@code setattr} of a symlink's times answers {@link
 *     BackendStatus#NOT_SUPPORTED} (nfs-ganesha's VFS FSAL, for one, ignores them)
 */
public record BackendCapabilities(
    boolean symlinks,
    boolean hardLinks,
    boolean specialFiles,
    boolean posixOwnership,
    boolean posixModes,
    boolean caseSensitive,
    int maxNameLength,
    long maxFileSize,
    boolean symlinkTimes) {

  /** Capabilities of a backend that can set a symbolic link's times (where it has links). */
  public BackendCapabilities(
      boolean symlinks,
      boolean hardLinks,
      boolean specialFiles,
      boolean posixOwnership,
      boolean posixModes,
      boolean caseSensitive,
      int maxNameLength,
      long maxFileSize) {
    this(
        symlinks,
        hardLinks,
        specialFiles,
        posixOwnership,
        posixModes,
        caseSensitive,
        maxNameLength,
        maxFileSize,
        true);
  }
}
