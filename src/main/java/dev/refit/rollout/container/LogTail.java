package dev.refit.rollout.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

  /** Up to {@code lines} lines; empty when the logs cannot be read (no driver, container gone). */
  static List<String> of(DockerClient docker, String containerId, int lines) {
    StringBuilder text = new StringBuilder();
    try {
      docker
          .logContainerCmd(containerId)
          .withStdOut(true)
          .withStdErr(true)
          .withTail(lines)
          .exec(
              new dev.refit.docker.QuietCallback<Frame>() {
                @Override
                public void onNext(Frame frame) {
                  text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
              })
          .awaitCompletion(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      return List.of();
    }
    List<String> result = new ArrayList<>();
    for (String line : text.toString().split("\r?\n")) {
      if (!line.isBlank()) {
        result.add(line);
      }
    }
    return result.size() > lines ? result.subList(result.size() - lines, result.size()) : result;
  }
}
