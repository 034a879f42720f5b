package dev.refit.http.server;

import dev.refit.http.websocket.CloseCodes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blocking HTTP/1.1 server: one acceptor thread, and one thread per open connection from a pool
 * that keeps one thread and ends the others after a minute idle. Connections over the cap are
 * answered 503 at once (plain HTTP) or dropped (HTTPS) by the acceptor.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
  private static final long STACK_BYTES = 512 * 1024;
  private static final int HANDLER_THREADS = 32;

  private final Dispatcher dispatcher;
  private final ServerLimits limits;
  private final Handshaker handshaker;
  private final Map<Connection, Socket> open = new ConcurrentHashMap<>();
  private final Set<SseClient> streams = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicLong sessions = new AtomicLong();
  private final ThreadPoolExecutor pool;
  /** Runs WebSocket listeners (at most this many at once, like Jetty's 32 request threads did). */
  private final ThreadPoolExecutor handlers;
  private @Nullable ServerSocket listener;
  private @Nullable Thread acceptor;
  private volatile boolean stopping;

  public HttpServer(Routes routes, ServerLimits limits, Handshaker handshaker) {
    this.dispatcher = new Dispatcher(routes);
    this.limits = limits;
    this.handshaker = handshaker;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            1,
            limits.maxConnections(),
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              // handlers parse JSON and render templates, never deep recursion: half the default
              // stack reserves less for each of a large fleet's connections
              Thread t = new Thread(null, r, limits.threadName() + "-" + n.incrementAndGet(), STACK_BYTES);
              t.setDaemon(true);
              return t;
            });
    // even the one kept thread ends after a minute idle: a daemon nobody calls holds no stack
    pool.allowCoreThreadTimeOut(true);
    AtomicInteger h = new AtomicInteger();
    this.handlers =
        new ThreadPoolExecutor(
            HANDLER_THREADS,
            HANDLER_THREADS,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(null, r, limits.threadName() + "-ws-" + h.incrementAndGet(), STACK_BYTES);
              t.setDaemon(true);
              return t;
            });
    handlers.allowCoreThreadTimeOut(true);
  }

  /** The serial runner of one WebSocket session's listener calls. */
  SerialTasks serialTasks() {
    return new SerialTasks(handlers);
  }

  /**
   * Binds and starts accepting.
   *
   * @param address a host name or literal; {@code 0.0.0.0} for every interface
   * @return the port bound (useful with port 0)
   * @throws UncheckedIOException the address cannot be bound (one line naming it)
   */
  public int start(String address, int port) {
    ServerSocket socket;
    try {
      socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(address), port), 128);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address + ":" + port + ": " + e.getMessage(), e);
    }
    listener = socket;
    Thread t = new Thread(() -> accept(socket), limits.threadName() + "-acceptor");
    t.setDaemon(true);
    acceptor = t;
    t.start();
    return socket.getLocalPort();
  }

  public int port() {
    ServerSocket socket = listener;
    return socket == null ? -1 : socket.getLocalPort();
  }

  private void accept(ServerSocket socket) {
    while (!stopping) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException e) {
        if (!stopping) {
          LOG.warn("accepting a connection failed: {}", e.toString());
        }
        continue;
      }
      if (accepted.incrementAndGet() > limits.maxConnections()) {
        accepted.decrementAndGet();
        busy(client);
        continue;
      }
      Connection connection = new Connection(this, client, limits, dispatcher);
      // known before its handshake, so close() can end a connection stuck in one
      open.put(connection, client);
      try {
        pool.execute(() -> {
          try {
            connection.serve(handshaker);
          } finally {
            open.remove(connection);
            accepted.decrementAndGet();
          }
        });
      } catch (RejectedExecutionException e) {
        open.remove(connection);
        accepted.decrementAndGet();
        busy(client);
      }
    }
  }

  /** Over the cap: a plain client hears why; a TLS one cannot without a handshake, so it is just closed. */
  private void busy(Socket client) {
    try (client) {
      if (handshaker == Handshaker.PLAIN) {
        client.setSoTimeout(1_000);
        byte[] body = Status.errorJson("too many connections; try again later").getBytes(StandardCharsets.UTF_8);
        OutputStream out = client.getOutputStream();
        out.write(("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
      }
    } catch (IOException ignored) {
      // it is refused either way
    }
  }

  void opened(Connection connection, Socket socket) throws IOException {
    open.put(connection, socket);
    if (stopping) {
      throw new IOException("the server is stopping");
    }
  }

  void streaming(SseClient client, boolean on) {
    if (on) {
      streams.add(client);
    } else {
      streams.remove(client);
    }
  }

  boolean stopping() {
    return stopping;
  }

  String nextSessionId() {
    return Long.toString(sessions.incrementAndGet());
  }

  /** Connections open now (tests and metrics). */
  public int connections() {
    return open.size();
  }

  /**
   * Stops accepting, ends open event streams, tells WebSocket peers it is going away, closes
   * every connection and waits briefly for their threads.
   */
  @Override
  public void close() {
    stopping = true;
    ServerSocket socket = listener;
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    streams.forEach(SseClient::close);
    open.forEach((connection, s) -> {
      WsSession ws = connection.session();
      if (ws != null) {
        ws.close(CloseCodes.GOING_AWAY, "server stopping");
      }
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    });
    pool.shutdown();
    handlers.shutdown();
    try {
      handlers.awaitTermination(5, TimeUnit.SECONDS);
      if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
      Thread t = acceptor;
      if (t != null) {
        t.join(1_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
