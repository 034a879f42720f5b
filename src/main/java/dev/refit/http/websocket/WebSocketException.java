package dev.refit.http.websocket;

import java.io.IOException;

/** The peer broke the protocol; {@link #code()} is the close code to answer with. */
public final class WebSocketException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int code;

  public WebSocketException(int code, String message) {
    super(message);
    this.code = code;
  }

  public int code() {
    return code;
  }
}
