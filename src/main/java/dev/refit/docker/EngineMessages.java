package dev.refit.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.json.JsonTrees;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine's own words from a failed request, in one line. {@link EngineApiException} carries
 * them bare; a message still wrapped as docker-java did ({@code Status 409: {"message":"..."}}, e.g.
 * from a test's client) is unwrapped, since that is noise in a one-line error.
 */
public final class EngineMessages {
  private static final Pattern STATUS_PREFIX = Pattern.compile("^Status \\d+: (.*)$", Pattern.DOTALL);

  private EngineMessages() {}

  public static String of(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    Matcher m = STATUS_PREFIX.matcher(message.strip());
    if (m.matches()) {
      message = m.group(1).strip();
    }
    if (message.startsWith("{")) {
      try {
        JsonNode node = JsonTrees.read(message);
        if (node.hasNonNull("message")) {
          message = node.get("message").asText();
        }
      } catch (IOException notJson) {
        // keep it as it is
      }
    }
    return message.replace('\n', ' ').strip();
  }
}
