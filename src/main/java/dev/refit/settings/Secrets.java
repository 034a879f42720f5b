package dev.refit.settings;

import org.jspecify.annotations.Nullable;
/** How secrets look wherever configuration is shown: set or not, never the value. */
public final class Secrets {
  public static final String MASK = "***";

  private Secrets() {}

  public static @Nullable String mask(@Nullable String secret) {
    return secret == null ? null : MASK;
  }
}
