package dev.refit.server;

import dev.refit.config.ServeSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Who may call the API: a bearer token, or HTTP Basic credentials, as configured. Without either
 * (and without {@code serve.anonymous}) every call is refused: no anonymous access by accident.
 */
final class ApiAuth {
  private final ServeSettings settings;

  ApiAuth(ServeSettings settings) {
    this.settings = settings;
  }

  /**
   * @return who called, for approvals' {@code decided_by}
   * @throws ApiError 401 naming what is missing, never what was sent
   */
  String check(String authorization) {
    if (settings.anonymous()) {
      return "anonymous";
    }
    if (!settings.hasCredentials()) {
      throw new ApiError(401, "the API has no credentials configured; set serve.token (REFIT_API_TOKEN)"
          + " or serve.username and serve.password");
    }
    if (authorization != null) {
      String value = authorization.trim();
      if (settings.token() != null && value.regionMatches(true, 0, "Bearer ", 0, 7)
          && same(value.substring(7).trim(), settings.token())) {
        return "token";
      }
      if (settings.username() != null && value.regionMatches(true, 0, "Basic ", 0, 6)) {
        String decoded;
        try {
          decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw unauthorized();
        }
        int colon = decoded.indexOf(':');
        if (colon > 0
            & same(decoded.substring(0, Math.max(colon, 0)), settings.username())
            & same(colon < 0 ? "" : decoded.substring(colon + 1), settings.password())) {
          return settings.username();
        }
      }
    }
    throw unauthorized();
  }

  private ApiError unauthorized() {
    return new ApiError(401, "missing or wrong credentials");
  }

  /** Whether a scheme to advertise in {@code WWW-Authenticate}. */
  String challenge() {
    return settings.username() != null ? "Basic realm=\"refit\"" : "Bearer realm=\"refit\"";
  }

  private static boolean same(String given, String expected) {
    return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
