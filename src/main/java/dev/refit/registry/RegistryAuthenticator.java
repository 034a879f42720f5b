package dev.refit.registry;

import dev.refit.image.ImageReference;
import dev.refit.registry.RegistryException.Reason;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Who may ask: learns each registry's challenge with one {@code GET /v2/} per host, answers it with
 * Basic credentials or a bearer token for the repository's pull scope, and keeps tokens until
 * shortly before they expire. One token request per scope and credential, however many threads
 * need it at once.
 */
final class RegistryAuthenticator {
  private final RegistryCaller caller;
  private final RegistrySettings settings;
  private final CredentialStore credentials;
  private final RegistryEndpoints endpoints;
  private final TokenCache tokens;
  private final Map<String, Object> tokenLocks = new ConcurrentHashMap<>();

  RegistryAuthenticator(
      RegistryCaller caller,
      RegistrySettings settings,
      CredentialStore credentials,
      RegistryEndpoints endpoints,
      Clock clock) {
    this.caller = caller;
    this.settings = settings;
    this.credentials = credentials;
    this.endpoints = endpoints;
    this.tokens = new TokenCache(clock);
  }

  /** The credential configured for the repository's registry, if any. */
  Optional<Credential> credential(ImageReference repository) {
    return credentials.find(repository.registry());
  }

  /**
   * The {@code Authorization} header for a request about {@code repository}, or {@code null} when
   * the registry asked for none (or there is no credential for its Basic challenge).
   */
  @Nullable String authorization(ImageReference repository, @Nullable Credential credential) {
    HostState host = learnChallenge(repository);
    return authorization(host, repository, credential, false);
  }

  /**
   * After a 401 despite {@link #authorization}: takes the challenge it carries and returns a fresh
   * header (a new token).
   *
   * @throws RegistryException when the 401 carries no challenge, or there is nothing to send
   */
  @Nullable String afterUnauthorized(
      ImageReference repository, @Nullable Credential credential, RegistryAnswer answer) {
    Optional<AuthChallenge> challenge =
        AuthChallenge.parse(answer.header("www-authenticate").orElse(null));
    if (challenge.isEmpty()) {
      throw RegistryErrors.unauthorized(repository, credential);
    }
    HostState host = caller.host(repository.apiHost());
    host.challenge.set(challenge.get());
    String renewed = authorization(host, repository, credential, true);
    if (renewed == null) {
      throw RegistryErrors.unauthorized(repository, credential);
    }
    return renewed;
  }

  /** Asks {@code /v2/} once per host, so every repository after that authenticates without a 401 first. */
  private HostState learnChallenge(ImageReference repository) {
    HostState host = caller.host(repository.apiHost());
    if (host.challenge.get() != null || host.probed.get()) {
      return host;
    }
    synchronized (host) {
      if (host.probed.get()) {
        return host;
      }
      String unavailable = host.unavailableBecause.get();
      if (unavailable != null) {
        throw new RegistryException(
            Reason.UNAVAILABLE, repository.registry(), repository.repository(), unavailable);
      }
      URI base = endpoints.base(repository.apiHost());
      PingEndpoint ping = new PingEndpoint(base, settings.maxAnswerBytes());
      RegistryAnswer answer;
      try {
        answer = caller.call(ping, repository, null);
      } catch (RegistryException e) {
        if (e.reason() == Reason.UNAVAILABLE) {
          // every image of a registry that is down fails the same way; ask it once, not per image
          throw RegistryCaller.closeHost(
              host, repository, java.util.Objects.requireNonNullElse(e.getMessage(), "unavailable"));
        }
        throw e;
      }
      ping.handle(answer).ifPresent(host.challenge::set);
      host.probed.set(true);
    }
    return host;
  }

  private @Nullable String authorization(
      HostState host, ImageReference repository, @Nullable Credential credential, boolean renew) {
    AuthChallenge challenge = host.challenge.get();
    if (challenge == null) {
      return null;
    }
    if (challenge.isBasic()) {
      return credential == null ? null : credential.basicAuthorization();
    }
    if (!challenge.isBearer()) {
      throw new RegistryException(
          Reason.UNAUTHORIZED,
          repository.registry(),
          repository.repository(),
          "registry "
              + repository.registry()
              + " asks for '"
              + challenge.scheme()
              + "' authentication, which Refit does not speak");
    }
    String scope = "repository:" + repository.repository() + ":pull";
    String key = TokenCache.key(host.host, scope, credential);
    synchronized (tokenLocks.computeIfAbsent(key, k -> new Object())) {
      if (renew) {
        tokens.invalidate(key);
      }
      Optional<String> cached = tokens.get(key);
      if (cached.isPresent()) {
        return "Bearer " + cached.get();
      }
      TokenEndpoint endpoint =
          new TokenEndpoint(
              challenge,
              scope,
              repository,
              credential,
              endpoints.isPlainHttp(repository.apiHost()),
              settings.maxAnswerBytes());
      Token token = endpoint.handle(caller.call(endpoint, repository, endpoint.authorization()));
      tokens.put(key, token.value(), token.lifetime());
      return "Bearer " + token.value();
    }
  }
}
