package dev.refit.docker.http;

import java.io.IOException;
import java.time.Duration;

/** Opens new connections to one engine. */
interface Dialer {

  /** The engine as the user wrote it, for messages: {@code unix:///...} or {@code tcp://h:p}. */
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
