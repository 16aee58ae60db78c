package org.ferryfs.backend.load;

/** The kinds of backend operations load is counted by. */
public enum OpKind {
  /** Reading file data. */
  READ,
  /** Writing file data (and making it durable). */
  WRITE,
  /** Reading or changing attributes, opening files, reading links, file-system figures. */
  METADATA,
  /** Creating, removing, renaming and linking names. */
  NAMESPACE,
  /** Listing directories. */
  LISTING
}
