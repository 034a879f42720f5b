package dev.refit.fleet.agent;

import dev.refit.http.client.HttpsLayer;
import dev.refit.http.client.SocketLayer;
import dev.refit.http.websocket.CloseCodes;
import dev.refit.http.websocket.client.UpgradeRefusedException;
import dev.refit.http.websocket.client.WebSocketClient;
import dev.refit.http.websocket.client.WebSocketConnection;
import dev.refit.http.websocket.client.WebSocketListener;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's connection loop: dials the server's WebSocket (outbound only, so it works behind NAT
 * and firewalls), authenticates in the handshake, feeds frames to the {@link AgentLink}, sends a
 * heartbeat and a ping on the interval the server asked for, and dials again with {@link Backoff}
 * when the connection ends, until it is closed or the server revokes the agent.
 */
public final class AgentRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AgentRunner.class);
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration HANDSHAKE = Duration.ofSeconds(10);
  private static final Duration ENROLMENT_HANDSHAKE = Duration.ofSeconds(60);
  private static final Duration TICK = Duration.ofMillis(250);

  /** How the loop ended. */
  public enum Ending {
    CLOSED,
    REVOKED,
    /** The server refused the credential or join token: retrying would not help. */
    REFUSED
  }

  private final URI endpoint;
  private final String name;
  private final CredentialFile credentials;
  private final @Nullable String joinToken;
  private final AgentLink link;
  private final Backoff backoff;
  private final WebSocketClient client;
  private final Clock clock;
  private final Thread loop;
  private final CompletableFuture<Ending> ended = new CompletableFuture<>();
  private volatile boolean running = true;
  private volatile @Nullable WebSocketConnection socket;
  private volatile @Nullable String refusal;

  /**
   * @param server the server's base URL, {@code https://refit.example:8080} (or {@code http://})
   * @param joinToken used only while the state directory holds no credential yet
   * @param ssl trusts the server's certificate ({@code --ca-file}), or null for the JDK's CAs
   */
  public AgentRunner(
      URI server,
      String name,
      CredentialFile credentials,
      @Nullable String joinToken,
      AgentLink link,
      Backoff backoff,
      @Nullable SSLContext ssl,
      Clock clock) {
    this.endpoint = endpoint(server);
    this.name = name;
    this.credentials = credentials;
    this.joinToken = joinToken;
    this.link = link;
    this.backoff = backoff;
    // the --ca-file context, if any, is wrapped only on the first wss:// dial: a ws:// server
    // leaves every TLS class unloaded
    this.client =
        ssl == null ? WebSocketClient.create(SEND_TIMEOUT) : new WebSocketClient(new GivenTls(ssl), SEND_TIMEOUT);
    this.clock = clock;
    this.loop = new Thread(this::run, "refit-agent-link");
    this.loop.setDaemon(true);
  }

  /** {@code http(s)://host:port[/prefix]} → {@code ws(s)://host:port[/prefix]/fleet/connect}. */
  static URI endpoint(URI server) {
    String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(java.util.Locale.ROOT);
    String ws =
        switch (scheme) {
          case "https", "wss" -> "wss";
          case "http", "ws" -> "ws";
          default ->
              throw new IllegalArgumentException(
                  "--server '" + server + "' must be an http:// or https:// URL");
        };
    String path = server.getRawPath() == null ? "" : server.getRawPath().replaceAll("/+$", "");
    return URI.create(ws + "://" + server.getRawAuthority() + path + "/fleet/connect");
  }

  public void start() {
    loop.start();
  }

  /** Completes when the loop stops for good. */
  public CompletableFuture<Ending> ended() {
    return ended;
  }

  public boolean connected() {
    return link.connected();
  }

  private void run() {
    Ending ending = Ending.CLOSED;
    try {
      while (running) {
        Instant started = clock.instant();
        Ending once = connectOnce();
        backoff.connectionClosed(Duration.between(started, clock.instant()));
        if (once != Ending.CLOSED || !running) {
          ending = once;
          break;
        }
        Duration delay = backoff.nextDelay();
        LOG.info("reconnecting to {} in {} ms", endpoint, delay.toMillis());
        Thread.sleep(delay.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      ended.complete(ending);
    }
  }

  /** One connection, from dialling to its end. */
  private Ending connectOnce() throws InterruptedException {
    var identity = credentials.read();
    // An enrolment gets a long time: the server spends the join token during the handshake, so an
    // agent that gave up on a slow answer (a loaded server, an edge link) cannot try again with
    // it. A credential can always try again, and a dead path should be noticed soon.
    Duration handshake = identity.isPresent() ? HANDSHAKE : ENROLMENT_HANDSHAKE;
    Map<String, String> headers = new LinkedHashMap<>();
    if (identity.isPresent()) {
      headers.put("Authorization", "Bearer " + identity.get().secret().reveal());
      headers.put("Refit-Agent", identity.get().agentId());
    } else if (joinToken != null) {
      headers.put("Authorization", "Join " + joinToken);
      headers.put("Refit-Agent-Name", name);
    } else {
      refusal =
          "this agent is not enrolled: there is no credential in " + credentials.path().getParent()
              + "; start it with --join-token (from refit fleet join-token)";
      return Ending.REFUSED;
    }
    WebSocketConnection ws;
    try {
      ws = client.connect(endpoint, headers, handshake);
    } catch (UpgradeRefusedException e) {
      int status = e.status();
      if (status == 401 || status == 409 || status == 400) {
        refusal = refusal(name, credentials.path(), identity.isPresent(), status, reason(e));
        return Ending.REFUSED;
      }
      LOG.warn("cannot connect to {}: HTTP {}", endpoint, status);
      return Ending.CLOSED;
    } catch (SocketTimeoutException e) {
      LOG.warn("cannot connect to {}: no answer within {} s", endpoint, handshake.toSeconds());
      return Ending.CLOSED;
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("stopped while connecting");
      }
      LOG.warn("cannot connect to {}: {}", endpoint, ConnectFailure.describe(e));
      return Ending.CLOSED;
    }
    Listener listener = new Listener(ws);
    socket = ws;
    LOG.info("connected to {}", endpoint);
    link.opened(listener);
    ws.start(listener, "refit-agent-frames");
    // heartbeats and pings until the connection ends; a pong that stops coming means the path died.
    // Short ticks: the interval is only known once the welcome arrived, and it may be short.
    listener.lastPong = clock.instant();
    Instant lastBeat = clock.instant();
    while (running && !listener.done.await(TICK.toMillis(), TimeUnit.MILLISECONDS)) {
      Instant now = clock.instant();
      int interval = link.heartbeatSeconds();
      Duration silent = Duration.between(listener.lastPong, now);
      if (silent.getSeconds() > 3L * interval) {
        LOG.warn("the server has not answered for {} s; reconnecting", silent.getSeconds());
        ws.abort();
        break;
      }
      if (Duration.between(lastBeat, now).getSeconds() >= interval) {
        lastBeat = now;
        link.heartbeat();
        listener.ping();
      }
    }
    link.closed();
    socket = null;
    ws.abort();
    return listener.revoked ? Ending.REVOKED : Ending.CLOSED;
  }

  /**
   * The refusal as one line a person can act on. An agent without a credential that is refused its
   * join token has most likely enrolled before and lost its state directory (a replaced container
   * or Swarm task without a volume): retrying cannot help, the token is spent.
   */
  static String refusal(String name, Path file, boolean withCredential, int status, String reason) {
    if (withCredential) {
      return "the server refused this agent's credential (" + status + ": " + reason + "): it was revoked, or the"
          + " server lost its records; delete " + file + " and enrol again with a new join token";
    }
    Path dir = file.getParent();
    return "the server refused to enrol '" + name + "' (" + status + ": " + reason + "). There is no credential in "
        + dir + ": if this agent enrolled before, that directory was lost with its container. Put " + dir
        + " on a volume (docker run -v refit-agent:" + dir + ", or docker service create --mount"
        + " type=volume,src=refit-agent,dst=" + dir + ") and enrol again with a new join token (refit fleet"
        + " join-token; revoke the old '" + name + "' first if its name is taken)";
  }

  /** The server's reason: its {@code Refit-Refusal} header, else the error of its JSON body. */
  private static String reason(UpgradeRefusedException e) {
    var header = e.headers().first("Refit-Refusal");
    if (header.isPresent() && !header.get().isBlank()) {
      return header.get();
    }
    String text = e.body();
    int at = text.indexOf("\"error\":\"");
    if (at >= 0) {
      int end = text.indexOf('"', at + 9);
      return end > at ? text.substring(at + 9, end) : text;
    }
    return text.isBlank() ? "no reason given" : text;
  }

  /** TLS through the {@code --ca-file} context, built on the first {@code wss://} dial only. */
  private static final class GivenTls implements Supplier<SocketLayer> {
    private final SSLContext context;

    GivenTls(SSLContext context) {
      this.context = context;
    }

    @Override
    public SocketLayer get() {
      return new HttpsLayer(context);
    }
  }

  /** Why the server refused this agent, once {@link #ended()} completed with REFUSED. */
  public @Nullable String refusal() {
    return refusal;
  }

  /** Frames in, and the {@link Uplink} out for one connection. */
  private final class Listener implements WebSocketListener, Uplink {
    private final CountDownLatch done = new CountDownLatch(1);
    private final WebSocketConnection ws;
    private volatile Instant lastPong = Instant.EPOCH;
    private volatile boolean revoked;

    Listener(WebSocketConnection ws) {
      this.ws = ws;
    }

    @Override
    public void onText(String frame) {
      lastPong = clock.instant();
      if (link.frame(frame) == AgentLink.Verdict.REVOKED) {
        revoked = true;
        running = false;
        credentials.delete();
        done.countDown();
      }
    }

    @Override
    public void onPong() {
      lastPong = clock.instant();
    }

    @Override
    public void onClose(int statusCode, String reason) {
      if (running) {
        // not the echo of the close this agent sends when it stops
        LOG.info("the server closed the connection ({} {})", statusCode, reason);
      }
      done.countDown();
    }

    @Override
    public void onError(IOException error) {
      LOG.warn("connection to the server failed: {}", error.toString());
      done.countDown();
    }

    void ping() {
      if (!ws.isOpen()) {
        return;
      }
      try {
        ws.ping();
      } catch (IOException e) {
        LOG.debug("ping failed: {}", e.toString());
      }
    }

    /** One frame at a time, each within the send timeout; a send that fails ends the connection. */
    @Override
    public void send(String frame) {
      if (!ws.isOpen()) {
        return;
      }
      try {
        ws.send(frame);
      } catch (IOException e) {
        LOG.debug("send failed: {}", e.toString());
        ws.abort();
        done.countDown();
      }
    }

    @Override
    public void close(String reason) {
      try {
        ws.close(CloseCodes.POLICY, reason.length() > 120 ? reason.substring(0, 120) : reason);
      } catch (IOException e) {
        LOG.debug("close failed: {}", e.toString());
      }
      ws.abort();
      done.countDown();
    }
  }

  @Override
  public void close() {
    running = false;
    WebSocketConnection open = socket;
    if (open != null) {
      try {
        open.close(CloseCodes.NORMAL, "agent stopping");
      } catch (IOException e) {
        LOG.debug("close failed: {}", e.toString());
      }
      open.abort();
    }
    loop.interrupt();
    try {
      loop.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    client.close();
  }
}
