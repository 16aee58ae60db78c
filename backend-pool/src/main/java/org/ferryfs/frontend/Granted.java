package org.ferryfs.frontend;

import org.ferryfs.backend.FileAttributes;

/**
 * The answer to an access question.
 *
 * @param mask the {@link Access} bits granted, a subset of those asked
 * @param attributes the object's attributes
 */
public record Granted(int mask, FileAttributes attributes) {}
