package dev.refit.server.webhook;

import dev.refit.config.WebhookSettings;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a webhook request carries its kind's secret: GitHub signs the body ({@code
 * X-Hub-Signature-256}, HMAC-SHA256); the others carry the secret as a token, in {@code
 * Authorization} (bare or {@code Bearer}, as Harbor and the distribution registry send a
 * configured header), in {@code X-Refit-Token}, or in the path ({@code /webhooks/<kind>/<token>})
 * for senders that cannot set headers (Docker Hub, Quay). All comparisons take constant time.
 */
public final class WebhookSecrets {
  private final WebhookSettings settings;

  public WebhookSecrets(WebhookSettings settings) {
    this.settings = settings;
  }

  /**
   * @throws WebhookRejected 401 when no secret is configured for the kind or the request lacks it
   */
  public void verify(WebhookRequest request) {
    String secret = settings.secretFor(request.kind());
    if (secret == null || secret.isEmpty()) {
      throw new WebhookRejected(
          401, "no secret is configured for " + request.kind() + " webhooks; set webhooks.secret or webhooks."
              + request.kind() + ".secret");
    }
    if (request.kind().equals("ghcr")) {
      verifySignature(request, secret);
      return;
    }
    if (!anyTokenMatches(request, secret)) {
      throw new WebhookRejected(401, "missing or wrong webhook secret");
    }
  }

  /**
   * Whether the request carries the deploy hook's own secret, as a token (never a signature: the
   * deploy hook is for CI, which sets headers). False when no deploy secret is configured.
   */
  public boolean carriesDeploySecret(WebhookRequest request) {
    String secret = settings.deploySecret();
    return secret != null && !secret.isEmpty() && anyTokenMatches(request, secret);
  }

  private static boolean anyTokenMatches(WebhookRequest request, String secret) {
    String authorization = request.header("Authorization");
    String bearer =
        authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
            ? authorization.substring(7).trim()
            : null;
    boolean match = false;
    // evaluate every candidate: which one matched must not show in the timing
    match |= same(request.pathToken(), secret);
    match |= same(request.header("X-Refit-Token"), secret);
    match |= same(authorization == null ? null : authorization.trim(), secret);
    match |= same(bearer, secret);
    return match;
  }

  private static void verifySignature(WebhookRequest request, String secret) {
    String header = request.header("X-Hub-Signature-256");
    if (header == null || !header.startsWith("sha256=")) {
      throw new WebhookRejected(401, "missing X-Hub-Signature-256 signature");
    }
    byte[] expected = hmac(secret, request.body());
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring("sha256=".length()).trim());
    } catch (IllegalArgumentException e) {
      throw new WebhookRejected(401, "X-Hub-Signature-256 is not a hex signature");
    }
    if (!MessageDigest.isEqual(expected, given)) {
      throw new WebhookRejected(401, "X-Hub-Signature-256 does not match the body and the configured secret");
    }
  }

  /** The {@code X-Hub-Signature-256} value GitHub sends for {@code body}. */
  public static String signature(String secret, byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(hmac(secret, body));
  }

  private static byte[] hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JRE has HmacSHA256", e);
    }
  }

  private static boolean same(String given, String secret) {
    if (given == null) {
      return false;
    }
    return MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
  }
}
