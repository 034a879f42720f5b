package dev.refit.fleet.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A credential in transit (join token, agent secret). Wrapped so that a record holding one can be
 * logged, thrown or printed without leaking it: {@link #toString()} never shows the value, and
 * only the codec (through {@link #reveal()}) writes it to the wire.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  @JsonCreator
  public static Secret of(String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException("missing field: a secret must not be blank");
    }
    return new Secret(value);
  }

  /** The value itself, for hashing, storing in the agent's key file, or the wire. */
  @JsonValue
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && java.security.MessageDigest.isEqual(bytes(), s.bytes());
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "***";
  }

  private byte[] bytes() {
    return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
