package org.ferryfs.backend;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * What a driver needs to reach one backend server.
 *
 * @param name the operator's name for the backend
 * @param url where it is, e.g. {@code file:///srv/a}; the scheme selects the driver
 * @param options driver-specific settings (credentials, storage id); never logged
 */
public record BackendConfig(String name, URI url, Map<String, String> options) {
  public BackendConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    options = Map.copyOf(options == null ? Map.of() : options);
  }

  @Override
  public String toString() {
    // options may hold secrets: never print them
    return "BackendConfig[name=" + name + ", url=" + url + "]";
  }
}
