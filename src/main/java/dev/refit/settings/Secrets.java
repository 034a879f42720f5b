package dev.refit.settings;

/** How secrets look wherever configuration is shown: set or not, never the value. */
public final class Secrets {
  public static final String MASK = "***";

  private Secrets() {}

  public static String mask(String secret) {
    return secret == null ? null : MASK;
  }
}
