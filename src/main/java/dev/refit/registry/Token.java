package dev.refit.registry;

import java.time.Duration;

/**
 * A bearer token from a registry's token server. {@link #toString} never shows it.
 *
 * @param value the token
 * @param lifetime how long the server says it is valid
 */
record Token(String value, Duration lifetime) {
  @Override
  public String toString() {
    return "Token[value=***, lifetime=" + lifetime + "]";
  }
}
