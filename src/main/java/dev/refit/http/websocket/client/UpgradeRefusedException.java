package dev.refit.http.websocket.client;

import dev.refit.http.client.Headers;
import java.io.IOException;

/**
 * The server answered the upgrade request with something else than 101: its status, headers and
 * the beginning of its body (capped), so the caller can tell a refused credential from a busy
 * server.
 */
public final class UpgradeRefusedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient Headers headers;
  private final String body;

  public UpgradeRefusedException(int status, Headers headers, String body) {
    super("the server answered HTTP " + status + " instead of switching to WebSocket");
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  public int status() {
    return status;
  }

  public Headers headers() {
    return headers;
  }

  /** The body as UTF-8, at most {@link WebSocketClient#MAX_REFUSAL_BODY} bytes of it. */
  public String body() {
    return body;
  }
}
