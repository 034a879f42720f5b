package dev.refit.config;

/** A configuration value Refit cannot use: the message names where it came from, the key, the value and what is allowed. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
