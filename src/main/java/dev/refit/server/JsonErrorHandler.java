package dev.refit.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before any route runs (431 for headers too large, 400 for a
 * request it cannot parse), in the API's own form: {@code {"error": "..."}}, never an HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(
      Request request, Response response, int code, String message, Throwable cause, Callback callback)
      throws IOException {
    String reason = HttpStatus.getMessage(code);
    String text = message == null || message.isBlank() || message.equals(reason) ? reason : reason + ": " + message;
    String json = "{\"error\":" + ApiErrors.quote(text.toLowerCase(java.util.Locale.ROOT)) + "}";
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
  }
}
