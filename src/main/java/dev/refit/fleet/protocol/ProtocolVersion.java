package dev.refit.fleet.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * {@code MAJOR.MINOR}. A minor bump only adds optional fields (which older readers ignore), so a
 * peer on a newer minor is still understood; a newer major may change meanings, so it is refused.
 */
public record ProtocolVersion(int major, int minor) {
  /** What this build speaks. */
  public static final ProtocolVersion CURRENT = new ProtocolVersion(1, 1);

  public ProtocolVersion {
    if (major < 0 || minor < 0) {
      throw new IllegalArgumentException("protocol version parts must not be negative");
    }
  }

  /** Parses {@code "1.0"}; anything else is a {@link ProtocolException}. */
  @JsonCreator
  public static ProtocolVersion parse(String text) {
    int dot = text.indexOf('.');
    if (dot <= 0 || dot == text.length() - 1 || text.length() > 12) {
      throw new ProtocolException("protocol version '" + shorten(text) + "' is not MAJOR.MINOR");
    }
    try {
      return new ProtocolVersion(
          Integer.parseInt(text.substring(0, dot)), Integer.parseInt(text.substring(dot + 1)));
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("protocol version '" + shorten(text) + "' is not MAJOR.MINOR");
    }
  }

  /** Whether a frame written in {@code other} can be read by a peer speaking this version. */
  public boolean canRead(ProtocolVersion other) {
    return other.major == major;
  }

  @JsonValue
  @Override
  public String toString() {
    return major + "." + minor;
  }

  private static String shorten(String text) {
    return text.length() > 12 ? text.substring(0, 12) + "…" : text;
  }
}
