package dev.refit.registry;

import java.net.URI;
import java.util.Optional;

/**
 * {@code GET /v2/}: asked once per registry host to learn its auth challenge, so that no later
 * request is wasted on a 401.
 */
final class PingEndpoint implements RegistryEndpoint<Optional<AuthChallenge>> {
  private final URI uri;
  private final long maxBytes;

  /** @param base the registry's {@code http(s)://host[:port]} */
  PingEndpoint(URI base, long maxBytes) {
    this.uri = base.resolve("/v2/");
    this.maxBytes = maxBytes;
  }

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public URI uri() {
    return uri;
  }

  @Override
  public long maxBytes() {
    return maxBytes;
  }

  @Override
  public String what() {
    return "its API root /v2/";
  }

  /** The challenge of a 401; empty for any other answer (an open registry, or one that says nothing usable). */
  @Override
  public Optional<AuthChallenge> handle(RegistryAnswer answer) {
    if (answer.status() != 401) {
      return Optional.empty();
    }
    return AuthChallenge.parse(answer.header("www-authenticate").orElse(null));
  }
}
