package dev.refit.http.server;

/** Turns an exception a handler threw into an answer. */
@FunctionalInterface
public interface ExceptionHandler<T extends Exception> {
  void handle(T exception, Context ctx);
}
