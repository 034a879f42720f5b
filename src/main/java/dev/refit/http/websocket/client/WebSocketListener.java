package dev.refit.http.websocket.client;

import java.io.IOException;

/**
 * What a {@link WebSocketConnection}'s reader thread tells, one call at a time, in the order the
 * frames came. Exactly one of {@link #onClose} and {@link #onError} ends the connection's story,
 * unless the caller {@linkplain WebSocketConnection#abort() aborted} it: then nothing more is said.
 */
public interface WebSocketListener {

  /** A whole text message (its fragments joined). */
  void onText(String text);

  /** A pong came (the answer to a ping, or one the server sent unasked). */
  default void onPong() {}

  /** The server closed the connection with this code and reason; our close frame answered it. */
  void onClose(int code, String reason);

  /** The connection failed: ended without a close frame, broke the protocol, or took no data. */
  void onError(IOException failure);
}
