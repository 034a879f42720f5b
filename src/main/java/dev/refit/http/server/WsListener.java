package dev.refit.http.server;

/**
 * What happens on an upgraded WebSocket. Every call for one session comes from that connection's
 * own thread, in order; {@link WsSession#send} may be called from any thread.
 */
public interface WsListener {
  default void onConnect(WsSession session) throws Exception {}

  default void onMessage(WsSession session, String text) throws Exception {}

  /** The session ended: a close frame either way, or the connection dropped (code 1006). */
  default void onClose(WsSession session, int code, String reason) {}

  /** The session ended on an error (a broken frame, a read that failed); no onClose follows. */
  default void onError(WsSession session, Throwable error) {}
}
