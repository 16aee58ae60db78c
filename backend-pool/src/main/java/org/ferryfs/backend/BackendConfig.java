package org.ferryfs.backend;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What a driver needs to reach one backend server.
 *
 * @param name the operator's name for the backend
 * @param url where it is, e.g. {@code file:///srv/a}; the scheme selects the driver
 * @param options driver-specific settings (credentials, storage id); never logged
 * @param callTimeout how long one call to this backend may take before it fails with {@link
 *     BackendStatus#TIMED_OUT}; drivers for network backends honour it, the local driver has no
 *     network wait to bound
 */
public record BackendConfig(
    String name, URI url, Map<String, String> options, Duration callTimeout) {
  /** The call timeout when none is configured. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);

  public BackendConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    options = Map.copyOf(options == null ? Map.of() : options);
    callTimeout = callTimeout == null ? DEFAULT_CALL_TIMEOUT : callTimeout;
    if (callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("callTimeout must be positive: " + callTimeout);
    }
  }

  /**
   * The names of options not in {@code accepted}, sorted, for a driver's one-line refusal. Names
   * only: option values may be secrets.
   */
  public java.util.List<String> optionsOutside(java.util.Set<String> accepted) {
    return options.keySet().stream().filter(k -> !accepted.contains(k)).sorted().toList();
  }

  /** A configuration with the default call timeout. */
  public BackendConfig(String name, URI url, Map<String, String> options) {
    this(name, url, options, DEFAULT_CALL_TIMEOUT);
  }

  @Override
  public String toString() {
    // options may hold secrets: never print them
    return "BackendConfig[name=" + name + ", url=" + url + "]";
  }
}
