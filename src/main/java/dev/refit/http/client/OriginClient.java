package dev.refit.http.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 to {@code http://} and {@code https://} origins, one {@link Exchanger} (keep-alive
 * pool) per {@code scheme://host:port}. Blocking, in the caller's thread: no selector or worker
 * thread, unlike {@code java.net.http}, and no TLS class loaded until an https origin is asked
 * (the {@code tls} supplier runs then, once). Redirects are the caller's business.
 */
public final class OriginClient implements Closeable {
  static final Duration MAX_IDLE_TIME = Duration.ofSeconds(30);

  private final Duration connectTimeout;
  private final int maxIdlePerOrigin;
  private final LazyTls tls;
  private final Map<String, Exchanger> origins = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;
  private final AtomicLong lastSweep;
  private boolean closed;

  /**
   * @param maxIdlePerOrigin connections kept open per origin (about the concurrency used with it)
   * @param tls what https connections go through, asked for on the first https origin (e.g. {@code
   *     () -> new HttpsLayer(context)})
   */
  public OriginClient(Duration connectTimeout, int maxIdlePerOrigin, Supplier<SocketLayer> tls) {
    this(connectTimeout, maxIdlePerOrigin, tls, System::nanoTime);
  }

  OriginClient(
      Duration connectTimeout, int maxIdlePerOrigin, Supplier<SocketLayer> tls, LongSupplier nanoTime) {
    this.connectTimeout = connectTimeout;
    this.maxIdlePerOrigin = maxIdlePerOrigin;
    this.tls = new LazyTls(tls);
    this.nanoTime = nanoTime;
    this.lastSweep = new AtomicLong(nanoTime.getAsLong());
  }

  /** With the JVM's default TLS context for https, fetched on the first https origin. */
  public static OriginClient create(Duration connectTimeout, int maxIdlePerOrigin) {
    return new OriginClient(connectTimeout, maxIdlePerOrigin, LazyTls.systemDefault());
  }

  /**
   * Sends one request and reads the whole answer.
   *
   * @param uri absolute {@code http://} or {@code https://} URI, already encoded
   * @param headers besides {@code Host} and {@code Content-Length}, which are set here
   * @param timeout for the whole answer, head and body: a peer that sends its head and stalls the
   *     body times out too
   * @param maxBytes the most body bytes read: an announced longer body is not read at all, a
   *     chunked or unsized one stops at the cap; either way the connection is dropped
   * @throws java.net.SocketTimeoutException on a connect timeout or when the answer was not whole
   *     within {@code timeout}
   * @throws BodyTooLargeException when the body passes {@code maxBytes}
   * @throws IOException when the origin cannot be reached or answered malformed
   */
  public Answer send(
      String method,
      URI uri,
      Map<String, String> headers,
      byte @Nullable [] body,
      Duration timeout,
      long maxBytes)
      throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    closeExpiredElsewhere();
    Exchanger exchanger = exchanger(uri);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String pathAndQuery = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    try (Response response =
        exchanger.exchange(method, pathAndQuery, headers, body, timeout, deadline)) {
      if (method.equals("HEAD")) {
        // Content-Length of a HEAD describes the GET's body, which does not follow.
        return new Answer(response.status(), response.headers(), new byte[0]);
      }
      long declared = declaredLength(response.headers());
      if (declared > maxBytes) {
        throw new BodyTooLargeException(maxBytes, declared);
      }
      return new Answer(response.status(), response.headers(), read(response.body(), maxBytes));
    }
  }

  /**
   * A pool closes its expired connections when it is next used; an origin that is never asked
   * again (a registry's redirect to a storage host, a notifier since removed) would keep its
   * sockets open for good. So now and then a request closes those of every origin. The origin
   * itself stays known: a few hundred bytes, and dropping it could race a request that just
   * looked it up.
   */
  private void closeExpiredElsewhere() {
    long now = nanoTime.getAsLong();
    long last = lastSweep.get();
    if (now - last >= MAX_IDLE_TIME.toNanos() && lastSweep.compareAndSet(last, now)) {
      origins.values().forEach(Exchanger::closeExpired);
    }
  }

  private static long declaredLength(Headers headers) {
    if (!headers.all("transfer-encoding").isEmpty()) {
      return -1;
    }
    try {
      return headers.firstAsLong("content-length").orElse(-1);
    } catch (NumberFormatException e) {
      return -1; // the exchanger has refused it already
    }
  }

  private static byte[] read(InputStream body, long maxBytes) throws IOException {
    // One byte past the cap tells "exactly the cap" from "longer"; a shorter read met the end of
    // the body, which gave the connection back to the pool.
    byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    if (bytes.length > maxBytes) {
      throw new BodyTooLargeException(maxBytes, -1);
    }
    return bytes;
  }

  private Exchanger exchanger(URI uri) throws IOException {
    TcpDialer dialer = TcpDialer.forUri(uri, "http", "https", tls);
    String origin = dialer.host();
    Exchanger existing = origins.get(origin);
    if (existing != null) {
      return existing;
    }
    synchronized (this) {
      if (closed) {
        throw new IOException(origin + ": this client is closed");
      }
      return origins.computeIfAbsent(
          origin,
          o ->
              new Exchanger(
                  dialer,
                  maxIdlePerOrigin,
                  MAX_IDLE_TIME,
                  nanoTime,
                  connectTimeout,
                  "",
                  false));
    }
  }

  /** Connections kept open to the origin ({@code scheme://host[:port]}), for tests. */
  int idleConnections(String origin) {
    Exchanger exchanger = origins.get(origin);
    return exchanger == null ? 0 : exchanger.idleConnections();
  }

  /** Closes every idle connection; later requests fail. */
  @Override
  public void close() {
    List<Exchanger> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(origins.values());
    }
    all.forEach(Exchanger::close);
  }
}
