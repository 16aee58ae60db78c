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
 */
public record BackendCapabilities(
    boolean symlinks,
    boolean hardLinks,
    boolean specialFiles,
    boolean posixOwnership,
    boolean posixModes,
    boolean caseSensitive,
    int maxNameLength,
    long maxFileSize) {}
