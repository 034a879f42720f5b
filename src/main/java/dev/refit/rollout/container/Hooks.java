package dev.refit.rollout.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Frame;
import dev.refit.docker.EngineMessages;
import dev.refit.settings.Durations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs a lifecycle hook ({@code refit.pre-update}, {@code refit.post-update}) inside a container
 * with {@code sh -c}, as {@code docker exec} would.
 */
final class Hooks {
  private static final int MAX_OUTPUT = 300;

  private final DockerClient docker;
  private final Duration timeout;

  Hooks(DockerClient docker, Duration timeout) {
    this.docker = docker;
    this.timeout = timeout;
  }

  /** @return {@code null} when the command exited 0, else what went wrong in one line */
  String run(String containerId, String command) {
    StringBuilder output = new StringBuilder();
    try {
      String exec =
          docker
              .execCreateCmd(containerId)
              .withCmd("sh", "-c", command)
              .withAttachStdout(true)
              .withAttachStderr(true)
              .exec()
              .getId();
      boolean done =
          docker
              .execStartCmd(exec)
              .exec(
                  new dev.refit.docker.QuietCallback<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                      synchronized (output) {
                        if (output.length() < MAX_OUTPUT * 4) {
                          output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                      }
                    }
                  })
              .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        return "did not finish within " + Durations.format(timeout);
      }
      Long exit = docker.inspectExecCmd(exec).exec().getExitCodeLong();
      if (exit != null && exit == 0) {
        return null;
      }
      String text;
      synchronized (output) {
        text = output.toString().replace('\n', ' ').strip();
      }
      if (text.length() > MAX_OUTPUT) {
        text = text.substring(text.length() - MAX_OUTPUT);
      }
      return "exited with code " + exit + (text.isEmpty() ? "" : ": " + text);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } catch (RuntimeException e) {
      return "could not run: " + EngineMessages.of(e);
    }
  }
}
