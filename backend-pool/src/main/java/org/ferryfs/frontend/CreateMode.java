package org.ferryfs.frontend;

/** How CREATE treats an existing name (RFC 1813 §3.3.8 createmode3). */
public enum CreateMode {
  /** Keep an existing file (applying the requested size), or create one. */
  UNCHECKED,
  /** Fail with EXISTS if the name exists. */
  GUARDED,
  /**
   * Create exactly once, identified by a client verifier: a retransmitted request with the same
   * verifier succeeds and returns the file the first one created.
   */
  EXCLUSIVE
}
