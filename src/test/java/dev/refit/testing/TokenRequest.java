package dev.refit.testing;

import java.util.List;

/**
 * One request a {@link TokenServer} answered.
 *
 * @param method {@code GET} or {@code POST}
 * @param user user name sent, {@code null} for an anonymous request
 * @param scopes requested scopes, e.g. {@code repository:app:pull}
 * @param service requested service ({@code null} when absent)
 * @param status HTTP status of the answer (200, 401, ...)
 */
public record TokenRequest(
    String method, String user, List<String> scopes, String service, int status) {

  public TokenRequest {
    scopes = List.copyOf(scopes);
  }
}
