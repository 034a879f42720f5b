package dev.refit.docker.http;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 to one Docker Engine, by hand: the engine speaks a small, well-behaved subset (no
 * redirects, no compression, chunked or sized bodies), which a few hundred lines cover without
 * docker-java's transport.
 *
 * <p>Safe for concurrent use: every exchange has a connection to itself. Connections whose answer
 * was read to its end stay open for the next exchange (at most {@value ConnectionPool#MAX_IDLE},
 * each at most {@link #MAX_IDLE_TIME} idle; the expired ones are closed when the pool is next
 * touched, so no thread of its own is needed).
 */
public final class EngineHttp implements Closeable {
  static final Duration MAX_IDLE_TIME = Duration.ofSeconds(30);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final Dialer dialer;
  private final ConnectionPool pool;

  EngineHttp(Dialer dialer, Duration maxIdleTime, LongSupplier nanoTime) {
    this.dialer = dialer;
    this.pool = new ConnectionPool(maxIdleTime, nanoTime);
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
    String request = method + " " + pathAndQuery + " to " + dialer.host();
    byte[] bytes = encode(method, pathAndQuery, headers, body);
    Conduit.millis(readTimeout); // refuses a negative timeout before anything is sent
    Connection connection = pool.take();
    boolean reused = connection != null;
    while (true) {
      if (connection == null) {
        connection = open(request);
      }
      try {
        connection.timeout(readTimeout);
        connection.startRequest();
        connection.write(bytes);
        return answer(connection, method, request);
      } catch (IOException e) {
        connection.close();
        // A kept-alive connection the engine closed while it was idle (a restart, a proxy in
        // between) fails before a single byte of answer, the request unread: it goes again, once,
        // on a new connection. Not when anything was answered, nor after a timeout or interrupt:
        // then the engine may be acting on it.
        if (reused && connection.received() == 0 && !(e instanceof InterruptedIOException)) {
          reused = false;
          connection = null;
          continue;
        }
        boolean silent = connection.received() == 0 && !(e instanceof InterruptedIOException);
        throw named(request, e, silent ? dialer.silentFailureHint() : "");
      }
    }
  }

  private Connection open(String request) throws IOException {
    if (pool.closed()) {
      throw new IOException(request + ": this EngineHttp is closed");
    }
    try {
      return new Connection(dialer.open(CONNECT_TIMEOUT));
    } catch (IOException e) {
      String why =
          e instanceof SocketTimeoutException
              ? "no answer within " + CONNECT_TIMEOUT.toSeconds() + " s"
              : e instanceof UnknownHostException
                  ? "unknown host"
                  : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new IOException(
          "cannot connect to the Docker Engine at " + dialer.host() + ": " + why, e);
    }
  }

  /**
   * {@code e} with the request and engine in front of its message, of the same kind where callers
   * may tell kinds apart (timeout, interrupt, end of stream).
   */
  static IOException named(String request, IOException e, String hint) {
    String why =
        e instanceof AsynchronousCloseException
            ? "closed while waiting for the engine"
            : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String message = request + ": " + why + hint;
    IOException named;
    if (e instanceof SocketTimeoutException) {
      named = new SocketTimeoutException(message);
    } else if (e instanceof InterruptedIOException) {
      named = new InterruptedIOException(message);
    } else if (e instanceof EOFException) {
      named = new EOFException(message);
    } else {
      named = new IOException(message);
    }
    named.initCause(e);
    return named;
  }

  private byte[] encode(
      String method, String pathAndQuery, Map<String, String> headers, byte @Nullable [] body) {
    if (!method.chars().allMatch(c -> c >= 'A' && c <= 'Z') || method.isEmpty()) {
      throw new IllegalArgumentException("bad HTTP method \"" + method + "\"");
    }
    if (!pathAndQuery.startsWith("/")
        || pathAndQuery.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
      throw new IllegalArgumentException(
          "the path must start with / and be percent-encoded: \"" + pathAndQuery + "\"");
    }
    StringBuilder head = new StringBuilder(256);
    head.append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(dialer.hostHeader()).append("\r\n");
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String name = header.getKey();
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("host")
          || lower.equals("content-length")
          || lower.equals("transfer-encoding")) {
        throw new IllegalArgumentException("the header " + name + " is set by EngineHttp");
      }
      if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c >= 0x7f || c == ':')) {
        throw new IllegalArgumentException("bad header name \"" + name + "\"");
      }
      if (header.getValue().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
        // The value may be a credential: name the header only.
        throw new IllegalArgumentException("the value of header " + name + " has a line break");
      }
      head.append(name).append(": ").append(header.getValue()).append("\r\n");
    }
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    } else if (!method.equals("GET") && !method.equals("HEAD")) {
      head.append("Content-Length: 0\r\n");
    }
    head.append("\r\n");
    // One write for head and body: the engine's bodies are small JSON.
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(head.length() + (body == null ? 0 : body.length));
    out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    if (body != null) {
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  private EngineResponse answer(Connection connection, String method, String request)
      throws IOException {
    String statusLine;
    int status;
    Map<String, String> headers;
    do {
      statusLine = connection.readLine();
      status = status(statusLine);
      headers = headers(connection);
      // 1xx answers other than 101 (e.g. 100 Continue) precede the real one.
    } while (status >= 100 && status < 200 && status != 101);
    boolean http11 = statusLine.startsWith("HTTP/1.1");
    String connectionHeader = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
    boolean keepAlive =
        http11 ? !connectionHeader.contains("close") : connectionHeader.contains("keep-alive");
    Body.Release release = pool;
    InputStream body;
    String transferEncoding =
        headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
    String contentLength = headers.get("content-length");
    if (method.equals("HEAD") || status == 204 || status == 304) {
      pool.release(connection, keepAlive);
      body = InputStream.nullInputStream();
    } else if (status == 101) {
      // Switching protocols (attach, exec): the rest of the connection is the stream.
      body = new Body.UntilEof(connection, release, request);
    } else if (transferEncoding.endsWith("chunked")) {
      body = new Body.Chunked(connection, release, keepAlive, request);
    } else if (contentLength != null) {
      long length = contentLength(contentLength);
      if (length == 0) {
        pool.release(connection, keepAlive);
        body = InputStream.nullInputStream();
      } else {
        body = new Body.Fixed(connection, release, keepAlive, request, length);
      }
    } else {
      body = new Body.UntilEof(connection, release, request);
    }
    return new EngineResponse(status, Collections.unmodifiableMap(headers), body);
  }

  private static int status(String line) throws IOException {
    // "HTTP/1.1 200 OK"; the reason phrase may be empty or missing.
    if (line.startsWith("HTTP/1.") && line.length() >= 12 && line.charAt(8) == ' ') {
      try {
        int status = Integer.parseInt(line.substring(9, 12));
        if (status >= 100 && status <= 999 && (line.length() == 12 || line.charAt(12) == ' ')) {
          return status;
        }
      } catch (NumberFormatException notAStatus) {
        // reported below
      }
    }
    throw new IOException(
        "not an HTTP/1.x answer: \""
            + (line.length() > 40 ? line.substring(0, 40) + "..." : line)
            + "\"");
  }

  private static Map<String, String> headers(Connection connection) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    int count = 0;
    for (String line = connection.readLine(); !line.isEmpty(); line = connection.readLine()) {
      if (++count > 500) {
        throw new IOException("the answer has more than 500 headers");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IOException("bad header line in the answer");
      }
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      headers.merge(name, value, (first, next) -> first + ", " + next);
    }
    return headers;
  }

  private static long contentLength(String value) throws IOException {
    try {
      // Repeated identical headers were joined with ", "; any one of them will do.
      int comma = value.indexOf(',');
      long length = Long.parseLong((comma < 0 ? value : value.substring(0, comma)).strip());
      if (length >= 0) {
        return length;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw new IOException("bad Content-Length \"" + value + "\"");
  }

  /**
   * Closes the idle connections; answers still being read close theirs when done. Later exchanges
   * fail.
   */
  @Override
  public void close() {
    pool.close();
  }

  /** How many connections wait in the pool: for tests. */
  int idleConnections() {
    return pool.size();
  }

  @Override
  public String toString() {
    return "EngineHttp[" + dialer.host() + "]";
  }
}
