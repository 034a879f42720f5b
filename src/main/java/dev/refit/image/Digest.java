package dev.refit.image;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest such as {@code sha256:4f3c...}: the identity of a manifest or blob in a registry.
 *
 * @param algorithm e.g. {@code sha256}
 * @param encoded the hex (or other encoded) value, validated for the known algorithms
 */
public record Digest(String algorithm, String encoded) {
  private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*");
  private static final Pattern ENCODED = Pattern.compile("[a-zA-Z0-9=_-]+");
  private static final Pattern HEX = Pattern.compile("[a-f0-9]+");

  public Digest {
    String text = algorithm + ":" + encoded;
    if (!ALGORITHM.matcher(algorithm).matches()) {
      throw new InvalidReferenceException(text, "digest algorithm '" + algorithm + "' is not valid");
    }
    if (!ENCODED.matcher(encoded).matches() || encoded.length() < 32) {
      throw new InvalidReferenceException(text, "digest value is not valid");
    }
    int expectedHexLength =
        switch (algorithm) {
          case "sha256" -> 64;
          case "sha512" -> 128;
          default -> -1;
        };
    if (expectedHexLength > 0
        && (encoded.length() != expectedHexLength || !HEX.matcher(encoded).matches())) {
      throw new InvalidReferenceException(
          text, algorithm + " digest must be " + expectedHexLength + " lowercase hex characters");
    }
  }

  /** Parses {@code algorithm:encoded}. */
  public static Digest parse(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new InvalidReferenceException(text, "a digest looks like sha256:<64 hex characters>");
    }
    return new Digest(text.substring(0, colon), text.substring(colon + 1));
  }

  /** The sha256 digest of the given bytes, as a registry computes it for a manifest. */
  public static Digest sha256(byte[] content) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
      return new Digest("sha256", HexFormat.of().formatHex(hash));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The sha256 digest of a UTF-8 string. */
  public static Digest sha256(String content) {
    return sha256(content.getBytes(StandardCharsets.UTF_8));
  }

  /** The first 12 characters of the encoded value, as {@code docker images} shows them. */
  public String shortForm() {
    return encoded.substring(0, Math.min(12, encoded.length()));
  }

  @Override
  public String toString() {
    return algorithm + ":" + encoded;
  }
}
