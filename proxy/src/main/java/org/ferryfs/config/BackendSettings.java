package org.ferryfs.config;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.ferryfs.backend.BackendConfig;

/**
 * Turns a configured backend into what its driver gets: the URL and an options map with the
 * account, the resolved password, the storage id; the call timeout travels beside the options in
 * {@link BackendConfig#callTimeout()}, since every driver shares it. Passwords come from {@code
 * password}, {@code password-file} or the environment variable {@code
 * FERRY_BACKEND_<NAME>_PASSWORD}, in that order; they are never logged and never reach the admin
 * API.
 */
public final class BackendSettings {
  /** Option keys drivers read. */
  public static final String USERNAME = "username";

  public static final String PASSWORD = "password";
  public static final String DOMAIN = "domain";
  public static final String STORAGE = "storage";

  private BackendSettings() {}

  /** The environment variable that may hold a backend's password. */
  public static String passwordVariable(String backendName) {
    return "FERRY_BACKEND_"
        + backendName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")
        + "_PASSWORD";
  }

  public static BackendConfig toBackendConfig(FerryConfig.Backend b, Map<String, String> env)
      throws ConfigException {
    Map<String, String> options = new HashMap<>();
    if (b.username() != null) {
      options.put(USERNAME, b.username());
    }
    if (b.domain() != null) {
      options.put(DOMAIN, b.domain());
    }
    if (b.storage() != null) {
      options.put(STORAGE, b.storage());
    }
    String password = password(b, env);
    if (password != null) {
      options.put(PASSWORD, password);
    }
    return new BackendConfig(b.name(), URI.create(b.url()), options, b.effectiveTimeout());
  }

  private static String password(FerryConfig.Backend b, Map<String, String> env)
      throws ConfigException {
    String who = "backend '" + b.name() + "'";
    if (b.password() != null && b.passwordFile() != null) {
      throw new ConfigException(who + ": give either 'password' or 'password-file', not both");
    }
    if (b.password() != null) {
      return b.password();
    }
    if (b.passwordFile() != null) {
      try {
        String text = Files.readString(b.passwordFile(), StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        return (nl >= 0 ? text.substring(0, nl) : text).stripTrailing();
      } catch (NoSuchFileException e) {
        throw new ConfigException(who + ": password-file " + b.passwordFile() + " does not exist");
      } catch (AccessDeniedException e) {
        throw new ConfigException(
            who + ": password-file " + b.passwordFile() + " is not readable by this user");
      } catch (IOException e) {
        throw new ConfigException(
            who + ": cannot read password-file " + b.passwordFile() + ": " + e.getMessage());
      }
    }
    return env.get(passwordVariable(b.name()));
  }
}
