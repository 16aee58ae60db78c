package org.ferryfs.backend;

import java.util.Objects;

/**
 * One entry of a backend directory listing ("." and ".." are never listed).
 *
 * @param name the entry's name (one path component)
 * @param attributes the entry's attributes, as {@link BackendExport#getattr} would give them
 */
public record DirEntry(String name, FileAttributes attributes) {
  public DirEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(attributes, "attributes");
  }
}
