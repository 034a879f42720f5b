package dev.refit.cli;

import dev.refit.config.ConfigLoader;
import dev.refit.docker.DockerEngine;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of every command that checks a Docker host's containers ({@code check}, {@code update}). */
final class TargetOptions {
  @Option(
      names = "--host",
      paramLabel = "URI",
      description = "Docker Engine to use (default: $DOCKER_HOST, else " + DockerEngine.DEFAULT_HOST + ").")
  String host;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Refit configuration file (default: $" + ConfigLoader.CONFIG_ENV + ").")
  Path configFile;

  @Option(
      names = "--default-policy",
      paramLabel = "POLICY",
      description =
          "Policy for version tags without a refit.policy label: semver:patch, semver:minor"
              + " (default), semver:major or semver:all.")
  String defaultPolicy;

  @Option(names = "--opt-in", description = "Only consider containers labelled refit.enable=true.")
  boolean optIn;
}
