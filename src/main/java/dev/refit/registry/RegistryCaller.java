package dev.refit.registry;

import dev.refit.http.client.Answer;
import dev.refit.http.client.BodyTooLargeException;
import dev.refit.http.client.OriginClient;
import dev.refit.image.ImageReference;
import dev.refit.registry.RegistryException.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one endpoint's request and settles on its answer: a concurrency limit per host, retries
 * with backoff for 5xx and failed connections, redirects (a token never leaves its origin), a 429
 * or a timeout closing the host for the rest of the run, and bodies read with a cap. Knows HTTP,
 * not what the answers mean ({@link RegistryEndpoint}) nor who may ask ({@link
 * RegistryAuthenticator}).
 */
final class RegistryCaller {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryCaller.class);
  private static final int MAX_REDIRECTS = 5;

  private final OriginClient http;
  private final RegistrySettings settings;
  private final Map<String, HostState> hosts = new ConcurrentHashMap<>();

  RegistryCaller(OriginClient http, RegistrySettings settings) {
    this.http = http;
    this.settings = settings;
  }

  /** What this caller learned about each host it asked (or was asked to). */
  Collection<HostState> hosts() {
    return hosts.values();
  }

  HostState host(String authority) {
    return hosts.computeIfAbsent(
        authority.toLowerCase(Locale.ROOT),
        h -> new HostState(h, settings.maxConcurrentRequestsPerRegistry()));
  }

  /**
   * Sends the endpoint's request about {@code repository} and returns the answer to hand to {@link
   * RegistryEndpoint#handle}: any status but 429, 5xx only once the retries are spent.
   *
   * @param authorization the {@code Authorization} header, or {@code null}
   * @throws RegistryException for 429, a timeout, an answer over the cap, no answer after the
   *     retries, or a host closed earlier in the run for one of these
   */
  RegistryAnswer call(
      RegistryEndpoint<?> endpoint, ImageReference repository, @Nullable String authorization) {
    URI target = endpoint.uri();
    @Nullable String auth = authorization;
    for (int redirects = 0; ; redirects++) {
      RegistryAnswer answer = exchange(endpoint, repository, request(endpoint, target, auth));
      if (!endpoint.followsRedirects() || !answer.isRedirect() || redirects >= MAX_REDIRECTS) {
        return answer;
      }
      URI next = target.resolve(answer.header("location").orElseThrow());
      if (!RegistryEndpoints.sameOrigin(target, next)) {
        // never hand a registry's token to the host it redirects to (blob stores, CDNs)
        auth = null;
      }
      target = next;
    }
  }

  /** One request as it goes out; its headers may carry a credential, so it is never logged whole. */
  private record Request(String method, URI uri, Map<String, String> headers, byte @Nullable [] body) {}

  private Request request(RegistryEndpoint<?> endpoint, URI uri, @Nullable String authorization) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("User-Agent", settings.userAgent());
    headers.putAll(endpoint.headers());
    if (authorization != null) {
      headers.put("Authorization", authorization);
    }
    return new Request(endpoint.method(), uri, headers, endpoint.body());
  }

  /** One request to one host, with retries; see {@link #call}. */
  private RegistryAnswer exchange(
      RegistryEndpoint<?> endpoint, ImageReference repository, Request request) {
    HostState host = host(request.uri().getAuthority());
    failFastIfClosed(host, repository);
    @Nullable Exception lastFailure = null;
    RegistryAnswer answer = null;
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      if (attempt > 1) {
        pause(settings.retryBackoff().multipliedBy(1L << (attempt - 2)));
      }
      answer = null;
      Outcome outcome;
      try {
        host.permits.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw interrupted(repository);
      }
      try {
        // another request may have timed out while this one waited for a permit
        failFastIfClosed(host, repository);
        host.requests.increment();
        LOG.debug("{} {}", request.method(), request.uri());
        outcome = send(request, endpoint.maxBytes());
      } finally {
        host.permits.release();
      }
      if (outcome instanceof Outcome.Failed failed) {
        if (Thread.currentThread().isInterrupted()) {
          throw interrupted(repository);
        }
        host.errors.increment();
        LOG.debug("{} {} failed: {}", request.method(), request.uri(), failed.cause().toString());
        if (failed.cause() instanceof BodyTooLargeException) {
          throw tooLarge(endpoint, repository, request);
        }
        if (failed.cause() instanceof SocketTimeoutException) {
          // a host that accepts and never answers costs one timeout per run, not one per try
          throw closeHost(host, repository, timedOut(host, request));
        }
        lastFailure = failed.cause();
        continue;
      }
      answer = ((Outcome.Answered) outcome).answer();
      recordRateLimit(host, answer);
      int status = answer.status();
      if (status == 429) {
        host.errors.increment();
        String because =
            "registry "
                + host.host
                + " is rate-limiting Refit (429"
                + answer.header("retry-after").map(s -> ", retry after " + s).orElse("")
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
      return answer;
    }
    if (answer != null) {
      return answer;
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

  /** What one try came to: an answer (whatever its status) or a failure to get one. */
  private sealed interface Outcome {
    record Answered(RegistryAnswer answer) implements Outcome {}

    record Failed(Exception cause) implements Outcome {}
  }

  /**
   * One try, in this thread. The timeout covers the whole answer, head and body, so a registry
   * that sends headers and then stalls the body times out too.
   */
  private Outcome send(Request request, long maxBytes) {
    try {
      Answer answer =
          http.send(
              request.method(),
              request.uri(),
              request.headers(),
              request.body(),
              settings.requestTimeout(),
              maxBytes);
      return new Outcome.Answered(
          new RegistryAnswer(request.uri(), answer.status(), answer.headers(), answer.body()));
    } catch (IOException e) {
      return new Outcome.Failed(e);
    }
  }

  private void failFastIfClosed(HostState host, ImageReference repository) {
    if (Thread.currentThread().isInterrupted()) {
      throw interrupted(repository);
    }
    String rateLimited = host.rateLimitedBecause.get();
    if (rateLimited != null) {
      throw new RegistryException(
          Reason.RATE_LIMITED, repository.registry(), repository.repository(), rateLimited);
    }
    String unavailable = host.unavailableBecause.get();
    if (unavailable != null) {
      throw new RegistryException(
          Reason.UNAVAILABLE, repository.registry(), repository.repository(), unavailable);
    }
  }

  /**
   * Marks the host unavailable for the rest of the run (the first reason stays) and returns the
   * failure every later request to it gets too.
   */
  static RegistryException closeHost(HostState host, ImageReference repository, String because) {
    host.unavailableBecause.compareAndSet(null, because);
    return new RegistryException(
        Reason.UNAVAILABLE,
        repository.registry(),
        repository.repository(),
        java.util.Objects.requireNonNullElse(host.unavailableBecause.get(), because));
  }

  private String timedOut(HostState host, Request request) {
    return "registry "
        + host.host
        + " did not answer "
        + request.method()
        + " "
        + request.uri().getPath()
        + " within "
        + describe(settings.requestTimeout())
        + " (registry.timeout); not asking it again in this run";
  }

  private RegistryException tooLarge(
      RegistryEndpoint<?> endpoint, ImageReference repository, Request request) {
    return new RegistryException(
        Reason.TOO_LARGE,
        repository.registry(),
        repository.repository(),
        "registry "
            + request.uri().getAuthority()
            + " sent more than "
            + new ByteSize(settings.maxAnswerBytes())
            + " for "
            + endpoint.what()
            + "; Refit stops reading there (raise registry.maxAnswerSize)");
  }

  private static RegistryException interrupted(ImageReference repository) {
    return new RegistryException(
        Reason.UNAVAILABLE, repository.registry(), repository.repository(), "interrupted");
  }

  private static String describe(Duration timeout) {
    long ms = timeout.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }

  private static String describe(@Nullable Exception failure) {
    if (failure instanceof ConnectException
        || (failure != null && failure.getCause() instanceof ConnectException)) {
      return "connection refused";
    }
    String message = failure == null ? null : failure.getMessage();
    return message == null || message.isBlank()
        ? failure == null ? "no answer" : failure.getClass().getSimpleName()
        : message;
  }

  private static void recordRateLimit(HostState host, RegistryAnswer answer) {
    answer
        .header("ratelimit-remaining")
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

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
