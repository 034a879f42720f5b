package dev.refit.fleet.server;

import dev.refit.fleet.protocol.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes and hashes the fleet's random secrets. A plain SHA-256 is enough here (no salt, no slow
 * KDF): the secrets are 32 random bytes, not passwords, so there is nothing to guess from a hash.
 */
final class SecretHashes {
  static final int SECRET_BYTES = 32;

  private final SecureRandom random;

  SecretHashes(SecureRandom random) {
    this.random = random;
  }

  /** 32 random bytes, base64url without padding (43 characters, safe in a header or a URL). */
  Secret newSecret() {
    return Secret.of(encode(randomBytes(SECRET_BYTES)));
  }

  /** A random identifier (not a secret), e.g. {@code agt_} + 16 bytes. */
  String newId(String prefix) {
    return prefix + encode(randomBytes(16));
  }

  static String hash(Secret secret) {
    return encode(digest(secret));
  }

  /** Compares in time independent of where the hashes differ, so timing reveals nothing. */
  static boolean matches(Secret secret, String storedHash) {
    byte[] stored;
    try {
      stored = Base64.getUrlDecoder().decode(storedHash);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(digest(secret), stored);
  }

  private byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] digest(Secret secret) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(secret.reveal().getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
