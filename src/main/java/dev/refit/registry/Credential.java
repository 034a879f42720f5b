package dev.refit.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A username and secret for one registry. {@link #toString} never shows the secret.
 *
 * @param username the user, or {@code <token>} when {@code secret} is an identity (refresh) token
 * @param secret the password, access token or identity token
 * @param source where it came from, for messages: {@code ~/.docker/config.json}, {@code
 *     credential helper 'pass'}, {@code REFIT_REGISTRY_GHCR_PASSWORD}
 */
public record Credential(String username, String secret, String source) {
  /** What Docker's config.json stores as the user name of an identity token. */
  public static final String IDENTITY_TOKEN_USER = "<token>";

  public Credential {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(source, "source");
  }

  /** An OAuth2 refresh token stored by {@code docker login}, exchanged at the token endpoint. */
  public boolean isIdentityToken() {
    return username.equals(IDENTITY_TOKEN_USER) || username.isEmpty();
  }

  /** The value of an {@code Authorization: Basic} header. */
  String basicAuthorization() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  /** Identifies the credential in cache keys without keeping the secret readable. */
  String fingerprint() {
    return username + "#" + Integer.toHexString(secret.hashCode());
  }

  @Override
  public String toString() {
    return "Credential[username=" + username + ", secret=***, source=" + source + "]";
  }
}
