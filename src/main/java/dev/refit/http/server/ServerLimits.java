package dev.refit.http.server;

import java.time.Duration;

/**
 * How much a server accepts and for how long it waits.
 *
 * @param maxConnections open connections at once (each holds a thread); more are refused
 * @param idleTimeout a kept-alive connection with no new request is closed after this
 * @param headTimeout the whole request head must arrive within this (slowloris)
 * @param readTimeout the longest wait for the next bytes of a body, or of a WebSocket frame begun;
 *     and the longest a WebSocket peer may take no data while the server writes to it
 * @param maxRequestLine longer request lines are answered 414
 * @param maxHead longer header sections are answered 431
 * @param maxBody larger request bodies are answered 413
 * @param maxWsMessage larger WebSocket text messages close the session with 1009
 * @param sseKeepAlive a silent event stream gets a comment this often (and a gone client is noticed)
 * @param tlsHandshakeTimeout a TLS handshake must be done within this
 * @param threadName prefix of the server's thread names
 */
public record ServerLimits(
    int maxConnections,
    Duration idleTimeout,
    Duration headTimeout,
    Duration readTimeout,
    int maxRequestLine,
    int maxHead,
    int maxBody,
    int maxWsMessage,
    Duration sseKeepAlive,
    Duration tlsHandshakeTimeout,
    String threadName) {

  /** Jetty's and Javalin's sizes, the timeouts of a daemon on a LAN. */
  public static ServerLimits defaults() {
    return new ServerLimits(
        256,
        Duration.ofSeconds(30),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        8 * 1024,
        16 * 1024,
        1_000_000,
        1024 * 1024,
        Duration.ofSeconds(15),
        Duration.ofSeconds(10),
        "refit-http");
  }

  public ServerLimits withMaxBody(int bytes) {
    return new ServerLimits(maxConnections, idleTimeout, headTimeout, readTimeout, maxRequestLine, maxHead, bytes,
        maxWsMessage, sseKeepAlive, tlsHandshakeTimeout, threadName);
  }

  public ServerLimits withTimeouts(Duration idle, Duration head, Duration read, Duration keepAlive) {
    return new ServerLimits(maxConnections, idle, head, read, maxRequestLine, maxHead, maxBody,
        maxWsMessage, keepAlive, tlsHandshakeTimeout, threadName);
  }

  public ServerLimits withMaxConnections(int connections) {
    return new ServerLimits(connections, idleTimeout, headTimeout, readTimeout, maxRequestLine, maxHead, maxBody,
        maxWsMessage, sseKeepAlive, tlsHandshakeTimeout, threadName);
  }
}
