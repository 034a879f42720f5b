package dev.refit.docker.http;

import dev.refit.http.client.Dialer;
import dev.refit.http.client.Exchanger;
import dev.refit.http.client.Response;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 to one Docker Engine over Refit's own client ({@link Exchanger}): the engine speaks a
 * small, well-behaved subset (no redirects, no compression, chunked or sized bodies), which a few
 * hundred lines cover without docker-java's transport.
 *
 * <p>Safe for concurrent use: every exchange has a connection to itself. Connections whose answer
 * was read to its end stay open for the next exchange (at most {@value #MAX_IDLE_CONNECTIONS}, each
 * at most {@link #MAX_IDLE_TIME} idle; the expired ones are closed when the pool is next touched,
 * so no thread of its own is needed).
 */
public final class EngineHttp implements Closeable {
  static final int MAX_IDLE_CONNECTIONS = 8;
  static final Duration MAX_IDLE_TIME = Duration.ofSeconds(30);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final Exchanger exchanger;
  private final String host;

  EngineHttp(Dialer dialer, Duration maxIdleTime, LongSupplier nanoTime) {
    // Any method goes again on a fresh connection after a kept-alive one failed before any
    // answer: the engine had not read it (it closed the idle connection).
    this.exchanger =
        new Exchanger(
            dialer,
            MAX_IDLE_CONNECTIONS,
            maxIdleTime,
            nanoTime,
            CONNECT_TIMEOUT,
            "the Docker Engine at ",
            true);
    this.host = dialer.host();
  }

  /**
   * An engine at {@code unix:///path} or {@code tcp://host[:port]}. For tcp, TLS settings come from
   * {@code env} as with the Docker CLI: {@code DOCKER_TLS_VERIFY} non-empty means TLS with the
   * engine's name checked, using {@code ca.pem}, {@code cert.pem} and {@code key.pem} in {@code
   * DOCKER_CERT_PATH} (default {@code ~/.docker}); without it the connection is plain, whatever
   * {@code DOCKER_CERT_PATH} says (the CLI ignores it too). Nothing is connected yet.
   *
   * @throws IllegalArgumentException for an address or certificate file that cannot be used, naming
   *     it
   */
  public static EngineHttp connect(String host, Map<String, String> env) {
    return new EngineHttp(Dialers.of(host, env), MAX_IDLE_TIME, System::nanoTime);
  }

  /**
   * Sends one request and returns the answer's head, its body still on the wire: the caller reads
   * and closes it. {@code readTimeout} bounds each wait for the engine (the head, and every read of
   * the body); {@link Duration#ZERO} waits forever, for streams such as events.
   *
   * @param pathAndQuery e.g. {@code /containers/json?all=1}, already encoded
   * @param headers extra request headers (never in messages: they may carry credentials); {@code
   *     Host}, {@code Content-Length} and {@code Transfer-Encoding} are set here
   * @throws java.net.SocketTimeoutException when the engine stayed silent for {@code readTimeout}
   * @throws IOException naming the engine and the request when it cannot be reached or answered
   *     malformed
   */
  public EngineResponse exchange(
      String method,
      String pathAndQuery,
      Map<String, String> headers,
      byte @Nullable [] body,
      Duration readTimeout)
      throws IOException {
    Response response = exchanger.exchange(method, pathAndQuery, headers, body, readTimeout, 0);
    return new EngineResponse(response.status(), response.headers().joined(), response.body());
  }

  /**
   * Closes the idle connections; answers still being read close theirs when done. Later exchanges
   * fail.
   */
  @Override
  public void close() {
    exchanger.close();
  }

  /** How many connections wait in the pool: for tests. */
  int idleConnections() {
    return exchanger.idleConnections();
  }

  @Override
  public String toString() {
    return "EngineHttp[" + host + "]";
  }
}
