package dev.refit.http.client;

import java.io.IOException;
import java.time.Duration;

/** Opens new connections to one peer (an engine, a registry origin). */
public interface Dialer {

  /**
   * The peer as the user wrote it, for messages: {@code unix:///...}, {@code tcp://h:p}, {@code
   * https://h}.
   */
  String host();

  /** The {@code Host} header value. */
  String hostHeader();

  Conduit open(Duration connectTimeout) throws IOException;

  /**
   * Said after a failure on a new connection before any answer, where it may explain it; empty or
   * starting with a space.
   */
  default String silentFailureHint() {
    return "";
  }
}
