package dev.refit.testing;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A fault a {@link FaultProxy} injects into the requests it selects.
 *
 * <pre>{@code
 * proxy.inject(Fault.tooManyRequests(Duration.ofSeconds(1)).on("HEAD", "/v2/app/manifests/.*").times(2));
 * proxy.inject(Fault.status(500).onPath("/v2/app/tags/list"));          // always
 * proxy.inject(Fault.dropHeader("Docker-Content-Digest").on("HEAD", "/v2/.+/manifests/.+"));
 * }</pre>
 *
 * @param method regular expression over the HTTP method ({@code .*} for any)
 * @param path regular expression the whole request path (without query) must match
 * @param action what happens to a selected request
 * @param times how many selected requests get the fault ({@link #ALWAYS} for every one)
 */
public record Fault(String method, String path, Action action, int times) {

  /** {@link #times} of a fault applied to every selected request. */
  public static final int ALWAYS = -1;

  public Fault {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(action, "action");
    Pattern.compile(method);
    Pattern.compile(path);
    if (times < ALWAYS || times == 0) {
      throw new IllegalArgumentException("times must be positive or ALWAYS");
    }
  }

  /** What the proxy does with a selected request. */
  public sealed interface Action permits Respond, GarbageBody, DropHeader, Delay, PaginateTags {}

  /** Answers itself without asking the registry. */
  public record Respond(int status, Map<String, String> headers, String body) implements Action {
    public Respond {
      headers = Map.copyOf(headers);
      Objects.requireNonNull(body, "body");
    }
  }

  /** Forwards, then replaces the registry's body with these bytes (status and headers kept). */
  public record GarbageBody(String body) implements Action {}

  /** Forwards, then removes this header from the registry's answer. */
  public record DropHeader(String header) implements Action {}

  /** Waits, then forwards (a client with a shorter timeout gives up first). */
  public record Delay(Duration delay) implements Action {}

  /**
   * Serves {@code GET /v2/<name>/tags/list} in pages, as newer registries do (distribution 2.8
   * ignores {@code n} and {@code last} for tags; only {@code _catalog} paginates): the
   * registry's full list in its order, cut after {@code last}, at most {@code n} (default {@code
   * pageSize}) per page, with {@code Link: </v2/<name>/tags/list?last=..&n=..>; rel="next"}.
   */
  public record PaginateTags(int pageSize) implements Action {
    public PaginateTags {
      if (pageSize < 1) {
        throw new IllegalArgumentException("pageSize must be positive");
      }
    }
  }

  /** Answers this status with a registry-style JSON error body. */
  public static Fault status(int status) {
    String code = switch (status) {
      case 401 -> "UNAUTHORIZED";
      case 403 -> "DENIED";
      case 404 -> "NAME_UNKNOWN";
      case 429 -> "TOOMANYREQUESTS";
      default -> "UNKNOWN";
    };
    return respond(status, Map.of("Content-Type", "application/json"), errorBody(code, status));
  }

  /** Answers 429 with {@code Retry-After} in whole seconds. */
  public static Fault tooManyRequests(Duration retryAfter) {
    return respond(
        429,
        Map.of("Content-Type", "application/json", "Retry-After",
            Long.toString(retryAfter.toSeconds())),
        errorBody("TOOMANYREQUESTS", 429));
  }

  /** Answers exactly this. */
  public static Fault respond(int status, Map<String, String> headers, String body) {
    return new Fault(".*", ".*", new Respond(status, headers, body), ALWAYS);
  }

  /** Passes the registry's status and headers on, with a body that is not JSON. */
  public static Fault garbageBody() {
    return new Fault(".*", ".*", new GarbageBody("<html>\u00ff\u0000 not JSON {{{"), ALWAYS);
  }

  /** Passes the registry's answer on without this header (e.g. Docker-Content-Digest). */
  public static Fault dropHeader(String header) {
    return new Fault(".*", ".*", new DropHeader(header), ALWAYS);
  }

  /** Forwards after this delay. */
  public static Fault delay(Duration delay) {
    return new Fault(".*", ".*", new Delay(delay), ALWAYS);
  }

  /** Pages tag lists (see {@link PaginateTags}); selects {@code GET /v2/.+/tags/list}. */
  public static Fault paginateTags(int pageSize) {
    return new Fault("GET", "/v2/.+/tags/list", new PaginateTags(pageSize), ALWAYS);
  }

  /** Selects requests with a method matching {@code methodRegex} and a matching path. */
  public Fault on(String methodRegex, String pathRegex) {
    return new Fault(methodRegex, pathRegex, action, times);
  }

  /** Selects requests of any method with a matching path. */
  public Fault onPath(String pathRegex) {
    return new Fault(".*", pathRegex, action, times);
  }

  /** Applies to the first {@code n} selected requests only. */
  public Fault times(int n) {
    return new Fault(method, path, action, n);
  }

  /** Applies to every selected request (the default). */
  public Fault always() {
    return new Fault(method, path, action, ALWAYS);
  }

  /** True when this fault selects the request (regardless of how often it applied already). */
  public boolean selects(String requestMethod, String requestPath) {
    return requestMethod.matches(method) && requestPath.matches(path);
  }

  private static String errorBody(String code, int status) {
    return "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"injected by FaultProxy: "
        + status + "\",\"detail\":null}]}";
  }
}
