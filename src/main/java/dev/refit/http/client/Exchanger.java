package dev.refit.http.client;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 exchanges with one peer, by hand: what {@link Dialer} opens, a keep-alive pool of
 * connections whose answer was read to its end (expired ones closed when the pool is next touched,
 * so no thread of its own), requests written in one piece, answers with sized, chunked or
 * to-the-end bodies. Safe for concurrent use: every exchange has a connection to itself, in the
 * caller's thread.
 */
public final class Exchanger implements Closeable {
  private final Dialer dialer;
  private final ConnectionPool pool;
  private final Duration connectTimeout;
  private final String peer;
  private final boolean retryAnyMethod;

  /**
   * @param peer what the peer is, for "cannot connect to {@code peer} at {@code dialer.host()}"
   * @param retryAnyMethod whether a request that failed on a kept-alive connection before any
   *     answer goes again whatever its method (a Docker engine had not read it); else only GET and
   *     HEAD do, as RFC 9110 allows for idempotent requests
   */
  public Exchanger(
      Dialer dialer,
      int maxIdle,
      Duration maxIdleTime,
      LongSupplier nanoTime,
      Duration connectTimeout,
      String peer,
      boolean retryAnyMethod) {
    this.dialer = dialer;
    this.pool = new ConnectionPool(maxIdle, maxIdleTime, nanoTime);
    this.connectTimeout = connectTimeout;
    this.peer = peer;
    this.retryAnyMethod = retryAnyMethod;
  }

  /**
   * Sends one request and returns the answer's head, its body still on the wire: the caller reads
   * and closes it.
   *
   * @param pathAndQuery e.g. {@code /containers/json?all=1}, already encoded
   * @param headers extra request headers (never in messages: they may carry credentials); {@code
   *     Host}, {@code Content-Length} and {@code Transfer-Encoding} are set here
   * @param readTimeout bounds each wait for the peer (the head, and every read of the body); {@link
   *     Duration#ZERO} waits forever, for streams such as events
   * @param deadline {@link System#nanoTime()} by which the head and the whole body must have come,
   *     or 0 for none
   * @throws SocketTimeoutException when the peer stayed silent for {@code readTimeout}, or did not
   *     connect within the connect timeout
   * @throws IOException naming the peer and the request when it cannot be reached or answered
   *     malformed
   */
  public Response exchange(
      String method,
      String pathAndQuery,
      Map<String, String> headers,
      byte @Nullable [] body,
      Duration readTimeout,
      long deadline)
      throws IOException {
    String request = method + " " + pathAndQuery + " to " + dialer.host();
    byte[] bytes = encode(method, pathAndQuery, headers, body);
    Conduit.millis(readTimeout); // refuses a negative timeout before anything is sent
    Connection connection = pool.take();
    boolean retry = connection != null && (retryAnyMethod || idempotent(method));
    while (true) {
      if (connection == null) {
        connection = open(request);
      }
      try {
        connection.timeout(readTimeout);
        connection.startRequest();
        connection.deadline(deadline);
        connection.write(bytes);
        return answer(connection, method, request);
      } catch (IOException e) {
        connection.close();
        // A kept-alive connection the peer closed while it was idle (a restart, a proxy in
        // between) fails before a single byte of answer, the request unread: it goes again, once,
        // on a new connection. Not when anything was answered, nor after a timeout or interrupt:
        // then the peer may be acting on it.
        if (retry && connection.received() == 0 && !interrupted(e)) {
          retry = false;
          connection = null;
          continue;
        }
        boolean silent = connection.received() == 0 && !interrupted(e);
        throw named(request, e, silent ? dialer.silentFailureHint() : "");
      }
    }
  }

  /** A tcp channel interrupted mid-read closes itself and says so with its own exception. */
  private static boolean interrupted(IOException e) {
    return e instanceof InterruptedIOException || e instanceof ClosedByInterruptException;
  }

  private static boolean idempotent(String method) {
    return method.equals("GET") || method.equals("HEAD");
  }

  private Connection open(String request) throws IOException {
    if (pool.closed()) {
      throw new IOException(request + ": this client is closed");
    }
    try {
      return new Connection(dialer.open(connectTimeout));
    } catch (IOException e) {
      String why =
          e instanceof SocketTimeoutException
              ? "no answer within " + connectTimeout.toSeconds() + " s"
              : e instanceof UnknownHostException
                  ? "unknown host"
                  : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      String message = "cannot connect to " + peer + dialer.host() + ": " + why;
      // A timeout stays one: a caller may give up on a peer that lets connections hang.
      IOException failure =
          e instanceof SocketTimeoutException
              ? new SocketTimeoutException(message)
              : new IOException(message);
      failure.initCause(e);
      throw failure;
    }
  }

  /**
   * {@code e} with the request and peer in front of its message, of the same kind where callers
   * may tell kinds apart (timeout, interrupt, end of stream).
   */
  static IOException named(String request, IOException e, String hint) {
    String why =
        e instanceof ClosedByInterruptException
            ? "interrupted while waiting for the answer"
            : e instanceof AsynchronousCloseException
                ? "closed while waiting for the answer"
            : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String message = request + ": " + why + hint;
    IOException named;
    if (e instanceof SocketTimeoutException) {
      named = new SocketTimeoutException(message);
    } else if (interrupted(e)) {
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
        throw new IllegalArgumentException("the header " + name + " is set by the HTTP client");
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
    // One write for head and body: the bodies sent here are small JSON or forms.
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(head.length() + (body == null ? 0 : body.length));
    out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    if (body != null) {
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  private Response answer(Connection connection, String method, String request)
      throws IOException {
    String statusLine;
    int status;
    Map<String, List<String>> headers;
    do {
      statusLine = connection.readLine();
      status = status(statusLine);
      headers = headers(connection);
      // 1xx answers other than 101 (e.g. 100 Continue) precede the real one.
    } while (status >= 100 && status < 200 && status != 101);
    boolean http11 = statusLine.startsWith("HTTP/1.1");
    String connectionHeader = joined(headers, "connection").toLowerCase(Locale.ROOT);
    boolean keepAlive =
        http11 ? !connectionHeader.contains("close") : connectionHeader.contains("keep-alive");
    InputStream body;
    String transferEncoding = joined(headers, "transfer-encoding").toLowerCase(Locale.ROOT);
    List<String> contentLength = headers.get("content-length");
    if (method.equals("HEAD") || status == 204 || status == 304) {
      pool.release(connection, keepAlive);
      body = InputStream.nullInputStream();
    } else if (status == 101) {
      // Switching protocols (attach, exec): the rest of the connection is the stream.
      body = new Body.UntilEof(connection, pool, request);
    } else if (transferEncoding.endsWith("chunked")) {
      body = new Body.Chunked(connection, pool, keepAlive, request);
    } else if (contentLength != null) {
      long length = contentLength(contentLength);
      if (length == 0) {
        pool.release(connection, keepAlive);
        body = InputStream.nullInputStream();
      } else {
        body = new Body.Fixed(connection, pool, keepAlive, request, length);
      }
    } else {
      body = new Body.UntilEof(connection, pool, request);
    }
    return new Response(status, Headers.parsed(headers), body);
  }

  private static String joined(Map<String, List<String>> headers, String name) {
    return String.join(", ", headers.getOrDefault(name, List.of()));
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

  private static Map<String, List<String>> headers(Connection connection) throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
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
      headers.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
    }
    return headers;
  }

  private static long contentLength(List<String> values) throws IOException {
    // Repeated identical headers, or one with a list: any one of them will do.
    String value = values.get(0);
    try {
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

  /** How many connections wait in the pool. */
  /** Closes the kept connections idle for longer than the pool keeps them. */
  public void closeExpired() {
    pool.closeExpired();
  }

  public int idleConnections() {
    return pool.size();
  }

  @Override
  public String toString() {
    return "Exchanger[" + dialer.host() + "]";
  }
}
