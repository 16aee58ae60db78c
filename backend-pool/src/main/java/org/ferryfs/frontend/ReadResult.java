package org.ferryfs.frontend;

import org.ferryfs.backend.FileAttributes;

/**
 * The result of a read; the data went into the caller's buffer.
 *
 * @param count bytes read
 * @param eof the read reached the end of the file
 * @param attributes the file's attributes after the read
 */
public record ReadResult(int count, boolean eof, FileAttributes attributes) {}
