package org.ferryfs.backend;

import java.net.URI;

/**
 * One backend file server (or local directory tree) as configured by an operator. Exports are
 * directories inside it.
 */
public interface Backend extends AutoCloseable {

  /** The operator's name for it. */
  String name();

  /** Where it is (no credentials in it). */
  URI url();

  /**
   * Opens the export rooted at {@code path} inside this backend.
   *
   * @param path absolute path inside the backend, e.g. {@code /alpha}
   * @param createIfMissing create the directory (and missing parents) if it does not exist
   * @throws BackendException {@link BackendStatus#NOT_FOUND} if it does not exist and may not be
   *     created; {@link BackendStatus#NOT_DIRECTORY} if it is not a directory
   */
  BackendExport export(String path, boolean createIfMissing) throws BackendException;

  /**
   * True if every call into this backend is a local system call that cannot wait on a network or
   * another server (a local directory). Front ends may run such calls on their I/O threads; a call
   * that may hang until a timeout must never run there.
   */
  default boolean callsAreLocal() {
    return false;
  }

  /** Checks that the backend answers; used by health probes. */
  void probe() throws BackendException;

  @Override
  void close();
}
