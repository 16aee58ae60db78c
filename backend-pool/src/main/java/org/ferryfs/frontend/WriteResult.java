package org.ferryfs.frontend;

import org.ferryfs.backend.FileAttributes;

/**
 * The result of a write.
 *
 * @param count bytes written
 * @param committed how durable the data now is (at least what was asked)
 * @param before the file's attributes before the write, or {@code null} if unknown
 * @param attributes the file's attributes after the write
 */
public record WriteResult(
    int count, WriteStability committed, FileAttributes before, FileAttributes attributes) {}
