package dev.refit.rollout.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The last lines a container wrote (stdout and stderr), for a failure report. */
final class LogTail {
  private LogTail() {}

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
              new ResultCallback.Adapter<Frame>() {
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
