package dev.refit.rollout.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refit.docker.EngineApi;
import dev.refit.docker.EngineMessages;
import dev.refit.docker.StdStreams;
import dev.refit.docker.TimedRead;
import dev.refit.settings.Durations;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Runs a lifecycle hook ({@code refit.pre-update}, {@code refit.post-update}) inside a container
 * with {@code sh -c}, as {@code docker exec} would.
 */
final class Hooks {
  private static final int MAX_OUTPUT = 300;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EngineApi api;
  private final Duration timeout;

  Hooks(EngineApi api, Duration timeout) {
    this.api = api;
    this.timeout = timeout;
  }

  /** @return {@code null} when the command exited 0, else what went wrong in one line */
  String run(String containerId, String command) {
    ByteArrayOutputStream output = new ByteArrayOutputStream(); // synchronized: read on another thread
    OutputStream bounded =
        new OutputStream() {
          @Override
          public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            if (output.size() < MAX_OUTPUT * 4) {
              output.write(b, off, len);
            }
          }
        };
    try {
      ObjectNode create = JSON.createObjectNode().put("AttachStdout", true).put("AttachStderr", true);
      create.putArray("Cmd").add("sh").add("-c").add(command);
      String exec =
          api.send("POST", "/containers/" + EngineApi.encode(containerId) + "/exec", create)
              .path("Id")
              .asText();
      ObjectNode start = JSON.createObjectNode().put("Detach", false).put("Tty", false);
      boolean done =
          TimedRead.within(
              timeout,
              api.stream("POST", "/exec/" + exec + "/start", start, Map.of()),
              in -> StdStreams.demultiplex(in, bounded),
              "hook");
      if (!done) {
        return "did not finish within " + Durations.format(timeout);
      }
      JsonNode code = api.get("/exec/" + exec + "/json").path("ExitCode");
      Long exit = code.isNumber() ? code.asLong() : null;
      if (exit != null && exit == 0) {
        return null;
      }
      String text = output.toString(StandardCharsets.UTF_8).replace('\n', ' ').strip();
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
