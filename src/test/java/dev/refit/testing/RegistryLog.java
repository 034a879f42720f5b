package dev.refit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests a distribution registry logged, for tests that count real registry traffic.
 *
 * <p>Reads the registry's access log (combined format, one line per request including 401s, which
 * distribution's application log does not report as "response completed"). Lines of the
 * application log ({@code msg="response completed"} / {@code "response completed with error"},
 * text or JSON formatter) are understood too; other lines are ignored.
 *
 * <p>The registry writes a line right after its handler returns; for small answers that is before
 * the client has the response, for large blobs it may be a moment later: use {@link #await} when
 * a count must be exact right after a download.
 */
public final class RegistryLog {

  private static final ObjectMapper JSON = new ObjectMapper();
  // 127.0.0.1 - - [22/Nov/2026:01:03:20 +0000] "GET /v2/ HTTP/1.1" 401 87 "" "curl/7.88.1"
  private static final Pattern COMBINED =
      Pattern.compile("^\\S+ \\S+ \\S+ \\[[^]]*] \"([A-Z]+) (\\S+) [^\"]*\" (\\d{3}) ");
  private static final Pattern TEXT_FIELD =
      Pattern.compile("(?:^|\\s)([\\w.]+)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)");

  private final Path file;
  private volatile long mark;

  /** A log read from its beginning. */
  public RegistryLog(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** Forgets every request logged so far: {@link #requests()} returns only later ones. */
  public void clear() {
    try {
      mark = Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The requests logged since creation or the last {@link #clear()}, oldest first. */
  public List<RegistryRequest> requests() {
    List<RegistryRequest> requests = new ArrayList<>();
    for (String line : linesSinceMark()) {
      parse(line).ifPresent(requests::add);
    }
    return requests;
  }

  /** The requests with this method whose path matches the regular expression. */
  public List<RegistryRequest> requests(String method, String pathRegex) {
    return requests().stream().filter(r -> r.matches(method, pathRegex)).toList();
  }

  /**
   * Waits until the logged requests satisfy the condition, and returns them; fails with the log
   * seen so far when the timeout passes.
   */
  public List<RegistryRequest> await(
      Predicate<List<RegistryRequest>> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<RegistryRequest> requests = requests();
      if (condition.test(requests)) {
        return requests;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "registry log " + file + " did not reach the expected state within " + timeout
                + "; requests: " + requests);
      }
      sleep(20);
    }
  }

  private List<String> linesSinceMark() {
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      long start = mark <= channel.size() ? mark : 0;
      channel.position(start);
      try (InputStream in = Channels.newInputStream(channel)) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        // A line still being written has no newline yet: leave it for the next read.
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
      }
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Parses one log line; empty for lines that are not a completed request. */
  static Optional<RegistryRequest> parse(String line) {
    String trimmed = line.strip();
    if (trimmed.isEmpty()) {
      return Optional.empty();
    }
    Matcher combined = COMBINED.matcher(trimmed);
    if (combined.find()) {
      return Optional.of(
          RegistryRequest.of(
              combined.group(1), combined.group(2), Integer.parseInt(combined.group(3))));
    }
    if (trimmed.startsWith("{")) {
      return parseJson(trimmed);
    }
    return parseText(trimmed);
  }

  private static Optional<RegistryRequest> parseJson(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      String msg = node.path("msg").asText("");
      JsonNode method = node.get("http.request.method");
      JsonNode uri = node.get("http.request.uri");
      JsonNode status = node.get("http.response.status");
      if (!msg.startsWith("response completed") || method == null || uri == null || status == null) {
        return Optional.empty();
      }
      return Optional.of(RegistryRequest.of(method.asText(), uri.asText(), status.asInt()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<RegistryRequest> parseText(String line) {
    String msg = null;
    String method = null;
    String uri = null;
    String status = null;
    Matcher field = TEXT_FIELD.matcher(line);
    while (field.find()) {
      String value = unquote(field.group(2));
      switch (field.group(1)) {
        case "msg" -> msg = value;
        case "http.request.method" -> method = value;
        case "http.request.uri" -> uri = value;
        case "http.response.status" -> status = value;
        default -> {}
      }
    }
    if (msg == null || !msg.startsWith("response completed") || method == null || uri == null
        || status == null || !status.matches("\\d{3}")) {
      return Optional.empty();
    }
    return Optional.of(RegistryRequest.of(method, uri, Integer.parseInt(status)));
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
    }
    return value;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
