package dev.refit.notify;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command with the event in environment variables and as JSON on standard input. Besides
 * {@code REFIT_*} it sets diun's {@code DIUN_ENTRY_*} variables, so scripts written for diun's
 * script notifier keep working. The command does not inherit Refit's environment, which holds
 * tokens and passwords: only {@code PATH}, {@code HOME}, {@code LANG} and {@code TZ} pass through.
 */
final class ScriptNotifier implements Notifier {
  private static final List<String> PASSED_THROUGH = List.of("PATH", "HOME", "LANG", "TZ");

  private final String name;
  private final List<String> command;
  private final Duration timeout;
  private final Map<String, String> parentEnvironment;

  ScriptNotifier(String name, List<String> command, Duration timeout, Map<String, String> parentEnvironment) {
    this.name = name;
    this.command = List.copyOf(command);
    this.timeout = timeout;
    this.parentEnvironment = Map.copyOf(parentEnvironment);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Notification n, String text) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.clear();
    PASSED_THROUGH.forEach(k -> {
      if (parentEnvironment.containsKey(k)) {
        env.put(k, parentEnvironment.get(k));
      }
    });
    env.putAll(variables(n, text));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new NotifyException("notifier '" + name + "' cannot run " + command.get(0) + ": " + e.getMessage());
    }
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(EventJson.write(EventJson.of(n, text)).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // a script that does not read its input closes the pipe early; that is its right
    }
    // read on a thread of its own: a hanging script must not hang the read past its timeout
    CompletableFuture<byte[]> output = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                output.complete(process.getInputStream().readNBytes(4096));
              } catch (IOException e) {
                output.complete(new byte[0]);
              }
            },
            "refit-notify-script");
    reader.setDaemon(true);
    reader.start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new NotifyException("notifier '" + name + "': " + Path.of(command.get(0)).getFileName()
            + " did not finish within " + timeout.toSeconds() + "s and was killed");
      }
      if (process.exitValue() != 0) {
        byte[] bytes = output.completeOnTimeout(new byte[0], 1, TimeUnit.SECONDS).join();
        String last = new String(bytes, StandardCharsets.UTF_8).strip();
        int nl = last.lastIndexOf('\n');
        throw new NotifyException(
            "notifier '" + name + "': " + Path.of(command.get(0)).getFileName() + " exited with "
                + process.exitValue() + (last.isEmpty() ? "" : ": " + last.substring(nl + 1)));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new NotifyException("notifier '" + name + "' was interrupted");
    }
  }

  static Map<String, String> variables(Notification n, String text) {
    Map<String, String> v = new java.util.LinkedHashMap<>();
    v.put("REFIT_EVENT", n.type().label());
    v.put("REFIT_TITLE", n.title());
    v.put("REFIT_TEXT", text);
    v.put("REFIT_TARGET", n.targetName());
    v.put("REFIT_TARGET_KIND", n.targetKind());
    v.put("REFIT_HOST", n.host());
    v.put("REFIT_CURRENT_IMAGE", n.currentImage());
    v.put("REFIT_CURRENT_DIGEST", n.currentDigest());
    v.put("REFIT_AVAILABLE_IMAGE", n.availableImage());
    v.put("REFIT_AVAILABLE_DIGEST", n.availableDigest());
    v.put("REFIT_MODE", n.mode());
    v.put("REFIT_MESSAGE", n.message());
    v.put("REFIT_TIME", n.time().toString());
    v.put("REFIT_HOSTNAME", n.hostname());
    // diun's script notifier variables
    v.put("DIUN_VERSION", "refit");
    v.put("DIUN_HOSTNAME", n.hostname());
    v.put("DIUN_ENTRY_STATUS", "update");
    v.put("DIUN_ENTRY_PROVIDER", n.targetKind().equals("service") ? "swarm" : "docker");
    v.put("DIUN_ENTRY_IMAGE", n.availableImage());
    v.put("DIUN_ENTRY_DIGEST", n.availableDigest());
    v.put("DIUN_ENTRY_CREATED", n.time().toString());
    v.put("DIUN_ENTRY_METADATA_CTN_NAMES", n.targetName());
    v.values().removeIf(x -> x == null);
    return v;
  }
}
