package dev.refit.http.server;

/** Answers one request by reading and writing its {@link Context}. */
@FunctionalInterface
public interface Handler {
  void handle(Context ctx) throws Exception;
}
