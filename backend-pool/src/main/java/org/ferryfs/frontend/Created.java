package org.ferryfs.frontend;

import org.ferryfs.backend.FileAttributes;

/**
 * The result of an operation that made a new name in a directory.
 *
 * @param ref the new object
 * @param attributes its attributes
 * @param directory the directory's attributes after the change
 */
public record Created(FileRef ref, FileAttributes attributes, FileAttributes directory) {}
