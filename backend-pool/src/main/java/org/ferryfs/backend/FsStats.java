package org.ferryfs.backend;

/**
 * Space and file-count figures of the file system an export lives on.
 *
 * @param totalBytes size of the file system
 * @param freeBytes free bytes
 * @param availableBytes free bytes available to unprivileged users
 * @param totalFiles total file slots (inodes); 0 when unknown
 * @param freeFiles free file slots
 * @param availableFiles free file slots available to unprivileged users
 */
public record FsStats(
    long totalBytes,
    long freeBytes,
    long availableBytes,
    long totalFiles,
    long freeFiles,
    long availableFiles) {}
