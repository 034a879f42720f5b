package dev.refit.http.client;

import java.io.Closeable;
import java.io.InputStream;

/**
 * One answer whose body still streams from the connection, decoded from its framing
 * (Content-Length, chunked, or to the end of the connection). Read the body, then close: closing
 * after the whole body was read returns the connection to its pool; closing earlier drops it,
 * since the unread rest would otherwise be taken for the next answer.
 */
public record Response(int status, Headers headers, InputStream body) implements Closeable {

  @Override
  public void close() {
    try {
      body.close();
    } catch (java.io.IOException ignored) {
      // the bodies here drop their connection on close and throw nothing
    }
  }
}
