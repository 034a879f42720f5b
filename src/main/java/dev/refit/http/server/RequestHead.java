package dev.refit.http.server;

import org.jspecify.annotations.Nullable;

/**
 * The request line and header fields.
 *
 * @param path the target's path as sent (still percent-encoded)
 * @param query the target's query without its {@code ?}, or {@code null}
 */
record RequestHead(String method, String path, @Nullable String query, String version, Headers headers) {
  boolean http10() {
    return version.equals("HTTP/1.0");
  }

  /** Whether the client wants the connection kept after this exchange. */
  boolean keepAlive() {
    if (headers.hasToken("Connection", "close")) {
      return false;
    }
    return !http10() || headers.hasToken("Connection", "keep-alive");
  }
}
