package dev.refit.http.websocket.client;

import dev.refit.http.client.Conduit;
import dev.refit.http.client.Headers;
import dev.refit.http.client.LazyTls;
import dev.refit.http.client.SocketLayer;
import dev.refit.http.client.TcpDialer;
import dev.refit.http.websocket.Handshake;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Dials {@code ws://} and {@code wss://} servers: tcp (and TLS through the {@link SocketLayer} the
 * {@code tls} supplier gives, asked on the first {@code wss://} only, so a plain peer loads no TLS
 * class), then the HTTP/1.1 upgrade (RFC 6455 4.1) with the caller's headers, the answer's {@code
 * Sec-WebSocket-Accept} checked against the key sent. One timer thread (daemon, started with the
 * first connection) bounds the writes of every connection.
 */
public final class WebSocketClient implements AutoCloseable {
  /** The largest message taken from a server, as the server takes from its peers. */
  public static final int MAX_MESSAGE = 1 << 20;
  /** How much of a refusal's body is kept: enough for an error JSON, not a whole page. */
  public static final int MAX_REFUSAL_BODY = 16 * 1024;

  private final LazyTls tls;
  private final Duration writeTimeout;
  private final Duration closeWait;
  private final SecureRandom random = new SecureRandom();
  private @Nullable ScheduledExecutorService timer;

  /**
   * @param tls what {@code wss://} connections go through (e.g. {@code () -> new
   *     HttpsLayer(context)}), asked for once, on the first one
   * @param writeTimeout how long one frame may take to go out: a server that takes no data for so
   *     long loses the connection, so no sender blocks forever
   */
  public WebSocketClient(Supplier<SocketLayer> tls, Duration writeTimeout) {
    this(tls, writeTimeout, WebSocketConnection.CLOSE_WAIT);
  }

  /** With another wait for the server's answer to our close frame (tests wait milliseconds). */
  WebSocketClient(Supplier<SocketLayer> tls, Duration writeTimeout, Duration closeWait) {
    this.tls = new LazyTls(tls);
    this.writeTimeout = writeTimeout;
    this.closeWait = closeWait;
  }

  /** With the JVM's default TLS context for {@code wss://}, built on the first one. */
  public static WebSocketClient create(Duration writeTimeout) {
    return new WebSocketClient(LazyTls.systemDefault(), writeTimeout);
  }

  /**
   * Opens a connection; frames are read once {@link WebSocketConnection#start} gave a listener.
   *
   * @param headers extra request headers (their values are never in messages: they may carry
   *     credentials)
   * @param handshakeTimeout for connecting, TLS and the whole upgrade answer
   * @throws UpgradeRefusedException the server answered something else than 101
   * @throws SocketTimeoutException no connection or no whole answer within {@code handshakeTimeout}
   * @throws IOException the server cannot be reached, or its 101 is not a WebSocket's
   */
  public WebSocketConnection connect(URI uri, Map<String, String> headers, Duration handshakeTimeout)
      throws IOException {
    long deadline = System.nanoTime() + handshakeTimeout.toNanos();
    TcpDialer dialer = TcpDialer.forUri(uri, "ws", "wss", tls);
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    String key = Base64.getEncoder().encodeToString(nonce);
    byte[] request = request(uri, dialer.hostHeader(), key, headers);
    Conduit conduit = dialer.open(handshakeTimeout);
    try {
      ConduitInput in = new ConduitInput(conduit);
      in.deadline(deadline, "no answer to the WebSocket upgrade within " + WebSocketConnection.shown(handshakeTimeout));
      conduit.write(request);
      String statusLine = in.line();
      int status = status(statusLine);
      Map<String, List<String>> answer = head(in);
      while (status >= 100 && status < 200 && status != 101) {
        statusLine = in.line();
        status = status(statusLine);
        answer = head(in);
      }
      Headers answerHeaders = Headers.of(answer);
      if (status != 101) {
        throw new UpgradeRefusedException(status, answerHeaders, body(in, answerHeaders));
      }
      if (!answerHeaders.first("upgrade").orElse("").equalsIgnoreCase("websocket")
          || !answerHeaders.first("connection").orElse("").toLowerCase(Locale.ROOT).contains("upgrade")) {
        throw new IOException("the server's 101 answer does not switch to WebSocket (Upgrade, Connection)");
      }
      if (!Handshake.accept(key).equals(answerHeaders.first("sec-websocket-accept").orElse(""))) {
        throw new IOException("the server's Sec-WebSocket-Accept does not match the key sent: not a WebSocket server");
      }
      in.deadline(0, "");
      return new WebSocketConnection(conduit, in, timer(), writeTimeout, closeWait, MAX_MESSAGE);
    } catch (IOException | RuntimeException e) {
      conduit.close();
      throw e;
    }
  }

  private static byte[] request(URI uri, String authority, String key, Map<String, String> headers) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    StringBuilder head = new StringBuilder(256);
    head.append("GET ").append(path);
    if (uri.getRawQuery() != null) {
      head.append('?').append(uri.getRawQuery());
    }
    head.append(" HTTP/1.1\r\nHost: ").append(authority)
        .append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ").append(key)
        .append("\r\nSec-WebSocket-Version: 13\r\n");
    headers.forEach(
        (name, value) -> {
          if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c >= 0x7f || c == ':')) {
            throw new IllegalArgumentException("bad header name \"" + name + "\"");
          }
          if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            // the value may be a credential: the name only
            throw new IllegalArgumentException("the value of header " + name + " has a line break");
          }
          head.append(name).append(": ").append(value).append("\r\n");
        });
    return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static int status(String line) throws IOException {
    String[] parts = line.split(" ", 3);
    if (parts.length >= 2 && parts[0].startsWith("HTTP/1.") && parts[1].length() == 3) {
      try {
        return Integer.parseInt(parts[1]);
      } catch (NumberFormatException notAStatus) {
        // reported below
      }
    }
    String shown = line.length() > 40 ? line.substring(0, 40) + "..." : line;
    throw new IOException("the server did not answer the upgrade in HTTP/1.1: \"" + shown + "\"");
  }

  private static Map<String, List<String>> head(ConduitInput in) throws IOException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line = in.line(); !line.isEmpty(); line = in.line()) {
      int colon = line.indexOf(':');
      if (colon <= 0 || headers.size() > 200) {
        throw new IOException("a bad header line in the server's answer to the upgrade");
      }
      headers.computeIfAbsent(line.substring(0, colon).strip(), n -> new ArrayList<>(1))
          .add(line.substring(colon + 1).strip());
    }
    return headers;
  }

  /** The refusal's body, at most {@link #MAX_REFUSAL_BODY} bytes; chunks joined. */
  private static String body(ConduitInput in, Headers headers) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try {
      if (headers.first("transfer-encoding").orElse("").toLowerCase(Locale.ROOT).contains("chunked")) {
        for (int size = chunk(in.line()); size > 0 && body.size() < MAX_REFUSAL_BODY; size = chunk(in.line())) {
          body.writeBytes(in.readNBytes(Math.min(size, MAX_REFUSAL_BODY - body.size())));
          in.line();
        }
      } else {
        long length = headers.firstAsLong("content-length").orElse(MAX_REFUSAL_BODY);
        body.writeBytes(in.readNBytes((int) Math.min(length, MAX_REFUSAL_BODY)));
      }
    } catch (IOException | NumberFormatException e) {
      // what came of it is the reason; a refusal's head says enough without the rest
    }
    return body.toString(StandardCharsets.UTF_8);
  }

  private static int chunk(String line) {
    int end = line.indexOf(';');
    return Integer.parseInt((end < 0 ? line : line.substring(0, end)).strip(), 16);
  }

  private synchronized ScheduledExecutorService timer() {
    ScheduledExecutorService existing = timer;
    if (existing != null) {
      return existing;
    }
    ScheduledThreadPoolExecutor created =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "refit-websocket-timer");
              t.setDaemon(true);
              return t;
            });
    // a write that finished in time cancels its guard: drop it now rather than at its deadline
    created.setRemoveOnCancelPolicy(true);
    timer = created;
    return created;
  }

  /** Stops the timer; connections still open lose their write timeouts, so abort them first. */
  @Override
  public synchronized void close() {
    ScheduledExecutorService existing = timer;
    if (existing != null) {
      existing.shutdownNow();
    }
  }
}
