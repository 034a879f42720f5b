package dev.refit.docker.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * One answer of the engine. {@code headers} have lower-case names (repeated ones joined with {@code
 * ", "}); {@code body} is already decoded from its framing (Content-Length, chunked, or to the end
 * of the connection) and streams from the socket: read it, then close the response. Closing after
 * the whole body was read returns the connection to the pool; closing earlier drops it, since the
 * unread rest would otherwise be taken for the next answer.
 */
public record EngineResponse(int status, Map<String, String> headers, InputStream body)
    implements Closeable {

  @Override
  public void close() throws IOException {
    body.close();
  }
}
