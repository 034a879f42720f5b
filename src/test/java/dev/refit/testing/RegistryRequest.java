package dev.refit.testing;

/**
 * One request a registry answered, as read from its log.
 *
 * @param method HTTP method, e.g. {@code HEAD}
 * @param path request path without query, e.g. {@code /v2/app/manifests/1.0.0}
 * @param status HTTP status the registry answered
 * @param query query string without {@code ?} ({@code ""} when there was none)
 */
public record RegistryRequest(String method, String path, int status, String query) {

  public RegistryRequest(String method, String path, int status) {
    this(method, path, status, "");
  }

  /** Builds a record from a request URI as logged ({@code /v2/x/tags/list?n=5}). */
  static RegistryRequest of(String method, String uri, int status) {
    int q = uri.indexOf('?');
    return q < 0
        ? new RegistryRequest(method, uri, status, "")
        : new RegistryRequest(method, uri.substring(0, q), status, uri.substring(q + 1));
  }

  /** Path and query as sent. */
  public String uri() {
    return query.isEmpty() ? path : path + "?" + query;
  }

  /** True for a request with this method whose path matches the regular expression. */
  public boolean matches(String method, String pathRegex) {
    return this.method.equalsIgnoreCase(method) && path.matches(pathRegex);
  }

  @Override
  public String toString() {
    return method + " " + uri() + " -> " + status;
  }
}
