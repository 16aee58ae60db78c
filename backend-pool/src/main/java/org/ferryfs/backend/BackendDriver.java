package org.ferryfs.backend;

/**
 * Creates {@link Backend}s for one URL scheme ({@code file}, later {@code smb}, {@code nfs}).
 * Drivers are registered with the {@link BackendPool}.
 */
public interface BackendDriver {

  /** The URL scheme this driver serves, lower case. */
  String scheme();

  /**
   * Connects to (or opens) a backend.
   *
   * @throws BackendException with a message that names the problem for an operator (missing
   *     directory, unreachable server, bad credentials)
   */
  Backend open(BackendConfig config) throws BackendException;
}
