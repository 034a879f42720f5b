package dev.refit.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.image.ImageReference;
import dev.refit.registry.RegistryException.Reason;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Registry API requests: authentication from the registry's challenge, retries for 5xx and
 * timeouts, a concurrency limit and the rate-limit state per host. Knows HTTP, not manifests.
 */
final class RegistryTransport {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryTransport.class);
  private static final int MAX_REDIRECTS = 5;
  private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);

  private final HttpClient http;
  private final RegistrySettings settings;
  private final CredentialStore credentials;
  private final RegistryEndpoints endpoints;
  private final TokenCache tokens;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, HostState> hosts = new ConcurrentHashMap<>();
  private final Map<String, Object> tokenLocks = new ConcurrentHashMap<>();

  RegistryTransport(
      HttpClient http, RegistrySettings settings, CredentialStore credentials, Clock clock) {
    this.http = http;
    this.settings = settings;
    this.credentials = credentials;
    this.endpoints = new RegistryEndpoints(settings.insecureRegistries());
    this.tokens = new TokenCache(clock);
  }

  URI base(ImageReference repository) {
    return endpoints.base(repository.apiHost());
  }

  Map<String, HostState> hosts() {
    return hosts;
  }

  /**
   * Sends one request about {@code repository}, authenticating as its registry asks.
   *
   * @return the answer, whatever its status except 401 after authenticating and 429, which throw
   */
  HttpResponse<byte[]> send(
      ImageReference repository, String method, URI uri, Map<String, String> headers) {
    HostState host = host(repository.apiHost());
    Credential credential = credentials.find(repository.registry()).orElse(null);
    learnChallenge(host, repository);
    String authorization = authorization(host, repository, credential, false);
    HttpResponse<byte[]> response =
        exchangeFollowingRedirects(host, repository, method, uri, headers, authorization);
    if (response.statusCode() == 401) {
      Optional<AuthChallenge> challenge =
          AuthChallenge.parse(response.headers().firstValue("www-authenticate").orElse(null));
      if (challenge.isEmpty()) {
        throw unauthorized(repository, credential);
      }
      host.challenge.set(challenge.get());
      String renewed = authorization(host, repository, credential, true);
      if (renewed == null) {
        throw unauthorized(repository, credential);
      }
      response = exchangeFollowingRedirects(host, repository, method, uri, headers, renewed);
      if (response.statusCode() == 401) {
        throw unauthorized(repository, credential);
      }
    }
    return response;
  }

  /** Asks {@code /v2/} once per host, so every repository after that authenticates without a 401 first. */
  private void learnChallenge(HostState host, ImageReference repository) {
    if (host.challenge.get() != null || host.probed.get()) {
      return;
    }
    synchronized (host) {
      if (host.probed.get()) {
        return;
      }
      String unreachable = host.unreachableBecause.get();
      if (unreachable != null) {
        throw new RegistryException(
            Reason.UNAVAILABLE, repository.registry(), repository.repository(), unreachable);
      }
      HttpResponse<byte[]> answer;
      try {
        answer =
            exchange(
                host, repository, request("GET", base(repository).resolve("/v2/"), Map.of(), null));
      } catch (RegistryException e) {
        if (e.reason() == Reason.UNAVAILABLE) {
          // every image of a registry that is down fails the same way; ask it once, not per image
          host.unreachableBecause.set(e.getMessage());
        }
        throw e;
      }
      if (answer.statusCode() == 401) {
        AuthChallenge.parse(answer.headers().firstValue("www-authenticate").orElse(null))
            .ifPresent(host.challenge::set);
      }
      host.probed.set(true);
    }
  }

  private String authorization(
      HostState host, ImageReference repository, Credential credential, boolean renew) {
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
      Token token = fetchToken(challenge, scope, repository, credential);
      tokens.put(key, token.value(), token.lifetime());
      return "Bearer " + token.value();
    }
  }

  private record Token(String value, Duration lifetime) {}

  private Token fetchToken(
      AuthChallenge challenge, String scope, ImageReference repository, Credential credential) {
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
    boolean plainHttp = realm.getScheme().equalsIgnoreCase("http");
    if (credential != null
        && plainHttp
        && !RegistryEndpoints.isLoopback(realm.getAuthority())
        && !endpoints.isPlainHttp(repository.apiHost())) {
      throw new RegistryException(
          Reason.UNAUTHORIZED,
          repository.registry(),
          repository.repository(),
          "registry " + repository.registry() + " wants credentials sent to " + realm.getAuthority()
              + " over plain http; Refit refuses (mark the registry insecure if you mean it)");
    }
    Map<String, String> form = new LinkedHashMap<>();
    challenge.service().ifPresent(s -> form.put("service", s));
    form.put("scope", scope);
    HttpRequest request;
    if (credential != null && credential.isIdentityToken()) {
      form.put("grant_type", "refresh_token");
      form.put("client_id", "refit");
      form.put("refresh_token", credential.secret());
      request =
          HttpRequest.newBuilder(realm)
              .timeout(settings.requestTimeout())
              .header("User-Agent", settings.userAgent())
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
              .build();
    } else {
      if (credential != null) {
        form.put("account", credential.username());
      }
      URI withQuery = appendQuery(realm, encode(form));
      request =
          request(
              "GET",
              withQuery,
              Map.of(),
              credential == null ? null : credential.basicAuthorization());
    }
    HostState realmHost = host(realm.getAuthority());
    HttpResponse<byte[]> answer = exchange(realmHost, repository, request);
    int status = answer.statusCode();
    if (status == 401 || status == 403) {
      throw unauthorized(repository, credential);
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
      JsonNode body = json.readTree(answer.body());
      String token = body.path("token").asText("");
      if (token.isEmpty()) {
        token = body.path("access_token").asText("");
      }
      if (token.isEmpty()) {
        throw new IOException("no token in answer");
      }
      long expiresIn = body.path("expires_in").asLong(0);
      Duration lifetime =
          expiresIn > 0 ? Duration.ofSeconds(expiresIn) : DEFAULT_TOKEN_LIFETIME;
      return new Token(token, lifetime);
    } catch (IOException e) {
      throw new RegistryException(
          Reason.MALFORMED,
          repository.registry(),
          repository.repository(),
          "token server " + realm.getAuthority() + " for " + repository.registry()
              + " answered something that is not a token");
    }
  }

  private HttpResponse<byte[]> exchangeFollowingRedirects(
      HostState host,
      ImageReference repository,
      String method,
      URI uri,
      Map<String, String> headers,
      String authorization) {
    URI target = uri;
    String auth = authorization;
    HostState current = host;
    for (int redirects = 0; ; redirects++) {
      HttpResponse<byte[]> response =
          exchange(current, repository, request(method, target, headers, auth));
      int status = response.statusCode();
      Optional<String> location = response.headers().firstValue("location");
      if (!(status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
          || location.isEmpty()
          || redirects >= MAX_REDIRECTS) {
        return response;
      }
      URI next = target.resolve(location.get());
      if (!sameOrigin(target, next)) {
        // never hand a registry's token to the host it redirects to (blob stores, CDNs)
        auth = null;
        current = host(next.getAuthority());
      }
      target = next;
    }
  }

  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && effectivePort(a) == effectivePort(b);
  }

  private static int effectivePort(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  private HttpRequest request(
      String method, URI uri, Map<String, String> headers, String authorization) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(settings.requestTimeout())
            .header("User-Agent", settings.userAgent())
            .method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(builder::header);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder.build();
  }

  /** One request with retries for 5xx and failures to answer; 429 marks the host for the run. */
  private HttpResponse<byte[]> exchange(
      HostState host, ImageReference repository, HttpRequest request) {
    String rateLimited = host.rateLimitedBecause.get();
    if (rateLimited != null) {
      throw new RegistryException(
          Reason.RATE_LIMITED, repository.registry(), repository.repository(), rateLimited);
    }
    Exception lastFailure = null;
    HttpResponse<byte[]> response = null;
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      if (attempt > 1) {
        pause(settings.retryBackoff().multipliedBy(1L << (attempt - 2)));
      }
      response = null;
      try {
        host.permits.acquire();
        try {
          host.requests.increment();
          LOG.debug("{} {}", request.method(), request.uri());
          response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } finally {
          host.permits.release();
        }
      } catch (IOException e) {
        lastFailure = e;
        host.errors.increment();
        LOG.debug("{} {} failed: {}", request.method(), request.uri(), e.toString());
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryException(
            Reason.UNAVAILABLE, repository.registry(), repository.repository(), "interrupted");
      }
      recordRateLimit(host, response);
      int status = response.statusCode();
      if (status == 429) {
        host.errors.increment();
        String because =
            "registry "
                + host.host
                + " is rate-limiting Refit (429"
                + response.headers().firstValue("retry-after").map(s -> ", retry after " + s).orElse("")
                + "); not asking it again in this run";
        host.rateLimitedBecause.compareAndSet(null, because);
        throw new RegistryException(
            Reason.RATE_LIMITED, repository.registry(), repository.repository(), because);
      }
      if (status >= 500) {
        host.errors.increment();
        LOG.debug("{} {} answered {}", request.method(), request.uri(), status);
        continue;
      }
      if (status >= 400) {
        host.errors.increment();
      }
      return response;
    }
    if (response != null) {
      return response;
    }
    throw new RegistryException(
        Reason.UNAVAILABLE,
        repository.registry(),
        repository.repository(),
        "registry "
            + host.host
            + " did not answer "
            + request.method()
            + " "
            + request.uri().getPath()
            + " after "
            + settings.maxAttempts()
            + " tries: "
            + describe(lastFailure),
        lastFailure);
  }

  private static String describe(Exception failure) {
    if (failure instanceof java.net.http.HttpTimeoutException) {
      return "timed out";
    }
    if (failure instanceof java.net.ConnectException) {
      return "connection refused";
    }
    String message = failure == null ? null : failure.getMessage();
    return message == null || message.isBlank()
        ? failure == null ? "no answer" : failure.getClass().getSimpleName()
        : message;
  }

  private static void recordRateLimit(HostState host, HttpResponse<byte[]> response) {
    response
        .headers()
        .firstValue("ratelimit-remaining")
        .ifPresent(
            value -> {
              String number = value.split(";", 2)[0].trim();
              try {
                host.rateLimitRemaining.set(Integer.parseInt(number));
              } catch (NumberFormatException ignored) {
                // a header we cannot read says nothing we can use
              }
            });
  }

  private void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  HostState host(String apiHost) {
    return hosts.computeIfAbsent(
        apiHost.toLowerCase(Locale.ROOT),
        h -> new HostState(h, settings.maxConcurrentRequestsPerRegistry()));
  }

  private static RegistryException unauthorized(ImageReference repository, Credential credential) {
    String message =
        credential == null
            ? "registry "
                + repository.registry()
                + " refused anonymous access to "
                + repository.repository()
                + " (401): credentials are missing (docker login "
                + repository.registry()
                + ", or set them in Refit's configuration), or the repository does not exist"
            : "registry "
                + repository.registry()
                + " refused the credentials of user '"
                + credential.username()
                + "' from "
                + credential.source()
                + " for "
                + repository.repository()
                + " (401): they are wrong or may not pull it";
    return new RegistryException(
        Reason.UNAUTHORIZED, repository.registry(), repository.repository(), message);
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
