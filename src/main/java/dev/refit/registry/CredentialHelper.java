package dev.refit.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.json.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@code docker-credential-<name> get} as Docker does: the server URL on stdin, JSON with
 * {@code Username} and {@code Secret} on stdout.
 */
final class CredentialHelper {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final String name;
  private final @Nullable Path directory;

  /**
   * @param name the helper's suffix, e.g. {@code pass} for {@code docker-credential-pass}
   * @param directory where to find the program, or {@code null} to search the PATH
   */
  CredentialHelper(String name, @Nullable Path directory) {
    this.name = name;
    this.directory = directory;
  }

  String program() {
    String file = "docker-credential-" + name;
    return directory == null ? file : directory.resolve(file).toString();
  }

  Optional<Credential> get(String registry) {
    String serverUrl = RegistryNames.helperServerUrl(registry);
    Process process = null;
    try {
      // stdout carries the secret: read it from the pipe, never through a file.
      process = new ProcessBuilder(program(), "get").redirectErrorStream(true).start();
      Process running = process;
      CompletableFuture<byte[]> output =
          CompletableFuture.supplyAsync(() -> readAll(running.getInputStream()));
      try (OutputStream in = process.getOutputStream()) {
        in.write(serverUrl.getBytes(StandardCharsets.UTF_8));
      } catch (IOException exitedWithoutReading) {
        // its exit status and output below say what went wrong
      }
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw failure(registry, "it did not answer within " + TIMEOUT.toSeconds() + " s");
      }
      String out =
          new String(output.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS), StandardCharsets.UTF_8)
              .trim();
      if (process.exitValue() != 0) {
        if (out.toLowerCase(Locale.ROOT).contains("credentials not found")) {
          return Optional.empty();
        }
        throw failure(registry, "it exited with " + process.exitValue() + ": " + firstLine(out));
      }
      JsonNode answer = JsonTrees.read(out);
      String username = answer.path("Username").asText("");
      String secret = answer.path("Secret").asText("");
      if (secret.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Credential(username, secret, "credential helper " + program()));
    } catch (JsonProcessingException e) {
      throw failure(registry, "it printed something that is not JSON");
    } catch (IOException | ExecutionException | TimeoutException e) {
      throw failure(registry, "it could not be run (" + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(registry, "interrupted");
    } finally {
      if (process != null && process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }

  private static byte[] readAll(InputStream stream) {
    try (stream) {
      return stream.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private RegistryException failure(String registry, String why) {
    return new RegistryException(
        RegistryException.Reason.UNAUTHORIZED,
        registry,
        null,
        "credential helper " + program() + " failed for " + registry + ": " + why);
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
