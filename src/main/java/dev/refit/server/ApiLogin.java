package dev.refit.server;

import dev.refit.config.ServeSettings;
import dev.refit.server.ui.Login;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The web UI's login form, checked by the API's own {@link ApiAuth}: one set of credentials. */
final class ApiLogin implements Login {
  private final ApiAuth auth;
  private final ServeSettings settings;

  ApiLogin(ApiAuth auth, ServeSettings settings) {
    this.auth = auth;
    this.settings = settings;
  }

  @Override
  public Optional<String> caller(String token, String username, String password) {
    String header;
    if (!token.isEmpty()) {
      header = "Bearer " + token;
    } else if (!username.isEmpty()) {
      header = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    } else {
      header = null;
    }
    try {
      return Optional.of(auth.check(header));
    } catch (ApiError e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean hasUsers() {
    return settings.username() != null;
  }
}
