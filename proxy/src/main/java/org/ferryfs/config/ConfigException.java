package org.ferryfs.config;

/**
 * A configuration problem an operator must fix, with a one-line message naming the file, the key or
 * line, and the rule broken. Never shown with a stack trace.
 */
public class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
