package dev.refit.rollout.container;

import dev.refit.docker.EngineApi;
import dev.refit.docker.StdStreams;
import dev.refit.docker.TimedRead;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The last lines a container wrote (stdout and stderr), for a failure report. */
final class LogTail {
  private LogTail() {}

  /** Values this short are left in the logs: masking them would blank out ordinary words and numbers. */
  static final int MIN_MASKED_LENGTH = 4;

  /**
   * The lines with every one of {@code secrets} (the container's environment values) replaced by
   * {@code ****}, longest first so a value containing another is masked whole.
   */
  static List<String> masked(List<String> lines, List<String> secrets) {
    List<String> values =
        secrets.stream()
            .filter(v -> v != null && v.length() >= MIN_MASKED_LENGTH)
            .distinct()
            .sorted(java.util.Comparator.comparingInt(String::length).reversed())
            .toList();
    if (values.isEmpty()) {
      return lines;
    }
    List<String> result = new ArrayList<>(lines.size());
    for (String line : lines) {
      String m = line;
      for (String v : values) {
        m = m.replace(v, "****");
      }
      result.add(m);
    }
    return result;
  }

  /** How long reading the logs may take; what arrived by then is used. */
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  /** Up to {@code lines} lines; empty when the logs cannot be read (no driver, container gone). */
  static List<String> of(EngineApi api, String containerId, int lines) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(); // synchronized: read on another thread
    try {
      String path =
          "/containers/" + EngineApi.encode(containerId) + "/logs?stdout=1&stderr=1&tail=" + lines;
      TimedRead.within(
          READ_TIMEOUT, api.stream("GET", path, null, Map.of()), in -> StdStreams.demultiplex(in, bytes), "logs");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (bytes.size() == 0) {
        return List.of();
      }
      // broken off: keep what came
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    List<String> result = new ArrayList<>();
    for (String line : text.split("\r?\n")) {
      if (!line.isBlank()) {
        result.add(line);
      }
    }
    return result.size() > lines ? result.subList(result.size() - lines, result.size()) : result;
  }
}
