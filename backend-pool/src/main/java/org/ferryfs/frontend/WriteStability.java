package org.ferryfs.frontend;

/** How durable a write must be before it is acknowledged (RFC 1813 §3.3.7 stable_how). */
public enum WriteStability {
  /** The data may be cached; a later COMMIT makes it durable. */
  UNSTABLE,
  /** The data is durable; metadata other than what is needed to read it back may not be. */
  DATA_SYNC,
  /** Data and metadata are durable. */
  FILE_SYNC
}
