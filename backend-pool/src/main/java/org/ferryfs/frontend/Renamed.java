package org.ferryfs.frontend;

import org.ferryfs.backend.FileAttributes;

/**
 * The result of a rename.
 *
 * @param fromDirectory the source directory's attributes after the rename
 * @param toDirectory the target directory's attributes after the rename
 */
public record Renamed(FileAttributes fromDirectory, FileAttributes toDirectory) {}
