package dev.refit.http.server;

/**
 * Serves one event stream. The stream stays open while this runs: call {@link
 * SseClient#keepAlive()} to hold it until the client leaves or {@link SseClient#close()} is called.
 */
@FunctionalInterface
public interface SseHandler {
  void handle(SseClient client) throws Exception;
}
