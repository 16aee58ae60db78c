package org.ferryfs.frontend;

import org.ferryfs.backend.FileAttributes;

/**
 * An object found by name, with its attributes ({@code fileId} is Ferry's object id).
 *
 * @param ref the object
 * @param attributes its attributes
 */
public record Lookup(FileRef ref, FileAttributes attributes) {}
