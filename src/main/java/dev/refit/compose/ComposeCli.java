package dev.refit.compose;

import dev.refit.files.FileParseException;
import dev.refit.files.FileTexts;
import dev.refit.files.Piece;
import dev.refit.files.dotenv.DotenvFormat;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Asks Compose itself for the config hash ({@code config --hash=SERVICE}), the very code its
 * {@code up} compares with: v1 ({@code docker-compose}, which hashes the whole normalised service
 * and the image id) for containers v1 made, v2 ({@code docker compose}) for the others. Edited
 * files are given as copies in a temporary directory, in place of the originals (the {@code .env}
 * by {@code --env-file}), with the project directory, name and other files as the labels say, so
 * the user's files are untouched until the new container passed its gate.
 */
public final class ComposeCli implements ConfigHasher {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final String dockerHost;
  private final String path;

  /**
   * @param dockerHost the engine ({@code DOCKER_HOST}): v1 reads the image id from it
   * @param path where to look for the binaries ({@code $PATH})
   */
  public ComposeCli(String dockerHost, String path) {
    this.dockerHost = dockerHost;
    this.path = path;
  }

  @Override
  public Answer hash(ComposeService service, Map<Path, String> edited) {
    List<String> command = new ArrayList<>();
    Optional<Path> binary = find(service.v1() ? "docker-compose" : "docker");
    if (binary.isEmpty()) {
      return new Unknown(
          "Refit found no " + (service.v1() ? "docker-compose" : "docker compose")
              + " here to compute the service's config hash");
    }
    command.add(binary.get().toString());
    if (!service.v1()) {
      command.add("compose");
    }
    Path copies = null;
    try {
      copies = Files.createTempDirectory("refit-compose");
      command.addAll(List.of("-p", service.project(), "--project-directory", service.workingDir().toString()));
      int n = 0;
      for (Path file : service.configFiles()) {
        command.addAll(List.of("-f", copy(copies, n++, file, edited).toString()));
      }
      Path dotenv = service.dotenv();
      if (service.environmentFile() != null || edited.containsKey(dotenv)) {
        command.addAll(List.of("--env-file", copy(copies, n, dotenv, edited).toString()));
      }
      command.addAll(List.of("config", "--hash=" + service.service()));
      return run(command, service);
    } catch (IOException e) {
      return new Unknown("cannot run " + String.join(" ", command.subList(0, Math.min(2, command.size())))
          + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Unknown("interrupted while Compose computed the config hash");
    } finally {
      if (copies != null) {
        deleteQuietly(copies);
      }
    }
  }

  private Answer run(List<String> command, ComposeService service) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // Refit's own settings (API token, registry passwords) are none of Compose's business
    builder.environment().keySet().removeIf(name -> name.startsWith("REFIT_"));
    builder.environment().put("DOCKER_HOST", dockerHost);
    Process process = builder.start();
    process.getOutputStream().close();
    byte[] bytes = process.getInputStream().readNBytes(64 * 1024);
    if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Unknown("Compose took longer than " + TIMEOUT.toSeconds() + " s to compute the config hash");
    }
    String output = new String(bytes, StandardCharsets.UTF_8);
    for (String line : output.split("\\R")) {
      String[] parts = line.strip().split("\\s+");
      if (parts.length == 2 && parts[0].equals(service.service()) && parts[1].matches("[0-9a-f]{64}")) {
        return new Hash(parts[1]);
      }
    }
    // Compose's last words say what it could not read; they might quote a value of the .env
    String last = output.strip().lines().reduce((a, b) -> b).orElse("no output");
    return new Unknown("Compose could not compute the config hash (exit " + process.exitValue() + "): "
        + masked(last, service));
  }

  /** The line with every value of the project's {@code .env} (which may hold passwords) hidden. */
  private static String masked(String line, ComposeService service) {
    String out = line;
    try {
      for (Piece value : DotenvFormat.values(new FileTexts().load(service.dotenv())).values()) {
        if (!value.text().isBlank()) {
          out = out.replace(value.text(), "***");
        }
      }
    } catch (FileParseException e) {
      // no .env, or none Compose could have quoted from
    }
    return out;
  }

  /** The file itself, or a copy of its edited content under its own name. */
  private static Path copy(Path copies, int n, Path file, Map<Path, String> edited) throws IOException {
    String content = edited.get(file);
    if (content == null) {
      return file;
    }
    Path dir = Files.createDirectories(copies.resolve(Integer.toString(n)));
    return Files.writeString(dir.resolve(file.getFileName().toString()), content, StandardCharsets.UTF_8);
  }

  private Optional<Path> find(String name) {
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a few bytes in the temporary directory
    }
  }
}
