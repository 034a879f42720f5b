package dev.refit.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.image.ImageReference;
import dev.refit.json.JsonTrees;
import dev.refit.registry.RegistryException.Reason;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A bearer token for one repository scope from the realm of a registry's challenge: {@code GET}
 * with the scope in the query (Basic auth when there is a credential), or an OAuth2 refresh-token
 * {@code POST} for identity tokens from {@code docker login}.
 */
final class TokenEndpoint implements RegistryEndpoint<Token> {
  private static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

  private final ImageReference repository;
  private final @Nullable Credential credential;
  private final URI realm;
  private final URI uri;
  private final @Nullable String form;
  private final boolean post;
  private final long maxBytes;

  /**
   * @param plainHttpRegistry whether the registry itself is spoken to over plain http (then a plain
   *     http realm is no worse)
   * @throws RegistryException when the realm is not a URL, or would receive credentials in the clear
   */
  TokenEndpoint(
      AuthChallenge challenge,
      String scope,
      ImageReference repository,
      @Nullable Credential credential,
      boolean plainHttpRegistry,
      long maxBytes) {
    this.repository = repository;
    this.credential = credential;
    this.maxBytes = maxBytes;
    this.realm = realm(challenge, repository);
    boolean plainHttp = realm.getScheme().equalsIgnoreCase("http");
    if (credential != null
        && plainHttp
        && !RegistryEndpoints.isLoopback(realm.getAuthority())
        && !plainHttpRegistry) {
      throw new RegistryException(
          Reason.UNAUTHORIZED,
          repository.registry(),
          repository.repository(),
          "registry " + repository.registry() + " wants credentials sent to "
              + realm.getAuthority()
              + " over plain http; Refit refuses (mark the registry insecure if you mean it)");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    challenge.service().ifPresent(s -> fields.put("service", s));
    fields.put("scope", scope);
    this.post = credential != null && credential.isIdentityToken();
    if (credential != null && post) {
      fields.put("grant_type", "refresh_token");
      fields.put("client_id", "refit");
      fields.put("refresh_token", credential.secret());
      this.form = encode(fields);
      this.uri = realm;
    } else {
      if (credential != null) {
        fields.put("account", credential.username());
      }
      this.form = null;
      this.uri = appendQuery(realm, encode(fields));
    }
  }

  private static URI realm(AuthChallenge challenge, ImageReference repository) {
    URI realm;
    try {
      realm = URI.create(challenge.realm());
    } catch (IllegalArgumentException e) {
      realm = null;
    }
    if (realm == null || realm.getHost() == null || realm.getScheme() == null) {
      throw new RegistryException(
          Reason.MALFORMED,
          repository.registry(),
          repository.repository(),
          "registry " + repository.registry() + " sent a token realm that is not a URL: '"
              + challenge.realm() + "'");
    }
    return realm;
  }

  @Override
  public String method() {
    return post ? "POST" : "GET";
  }

  @Override
  public URI uri() {
    return uri;
  }

  @Override
  public Map<String, String> headers() {
    return post ? Map.of("Content-Type", "application/x-www-form-urlencoded") : Map.of();
  }

  @Override
  public byte @Nullable [] body() {
    return form == null ? null : form.getBytes(StandardCharsets.UTF_8);
  }

  /** Token servers answer where they are asked; a redirect is not followed with credentials. */
  @Override
  public boolean followsRedirects() {
    return false;
  }

  /** The {@code Authorization} header to send: Basic for a password, none otherwise. */
  @Nullable String authorization() {
    return post || credential == null ? null : credential.basicAuthorization();
  }

  @Override
  public long maxBytes() {
    return maxBytes;
  }

  @Override
  public String what() {
    return "a token from " + realm.getAuthority();
  }

  @Override
  public Token handle(RegistryAnswer answer) {
    int status = answer.status();
    if (status == 401 || status == 403) {
      throw RegistryErrors.unauthorized(repository, credential);
    }
    if (status != 200) {
      throw new RegistryException(
          status >= 500 ? Reason.UNAVAILABLE : Reason.MALFORMED,
          repository.registry(),
          repository.repository(),
          "token server " + realm.getAuthority() + " for " + repository.registry()
              + " answered " + status + " instead of a token");
    }
    try {
      JsonNode body = JsonTrees.read(answer.body());
      String token = body.path("token").asText("");
      if (token.isEmpty()) {
        token = body.path("access_token").asText("");
      }
      if (token.isEmpty()) {
        throw new IOException("no token in answer");
      }
      long expiresIn = body.path("expires_in").asLong(0);
      return new Token(token, expiresIn > 0 ? Duration.ofSeconds(expiresIn) : DEFAULT_LIFETIME);
    } catch (IOException e) {
      throw new RegistryException(
          Reason.MALFORMED,
          repository.registry(),
          repository.repository(),
          "token server " + realm.getAuthority() + " for " + repository.registry()
              + " answered something that is not a token");
    }
  }

  /** The host whose state (timeouts, load) token requests count against. */
  String realmAuthority() {
    return realm.getAuthority();
  }

  private static String encode(Map<String, String> form) {
    StringBuilder out = new StringBuilder();
    form.forEach(
        (k, v) -> {
          if (out.length() > 0) {
            out.append('&');
          }
          out.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    return out.toString();
  }

  private static URI appendQuery(URI uri, String query) {
    String text = uri.toString();
    return URI.create(text + (uri.getRawQuery() == null ? "?" : "&") + query);
  }
}
