package dev.refit.cli;

import dev.refit.config.ConfigOverride;
import dev.refit.config.RefitConfig;
import dev.refit.docker.DockerEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of every command that works on a Docker host's targets ({@code check}, {@code
 * update}). Each sets a configuration key, the top layer, so the pipeline reads one configuration.
 */
final class TargetOptions {
  @Option(
      names = "--host",
      paramLabel = "URI",
      description = "Docker Engine to use (default: $DOCKER_HOST, else " + DockerEngine.DEFAULT_HOST + ").")
  String host;

  /** {@code --config FILE} and {@code --set key=value}, as every configured command has them. */
  @Mixin ConfigOptions config;

  @Option(
      names = "--default-policy",
      paramLabel = "POLICY",
      description =
          "Policy for version tags without a refit.policy label: semver:patch, semver:minor"
              + " (default), semver:major or semver:all.")
  String defaultPolicy;

  @Option(names = "--opt-in", description = "Only consider containers labelled refit.enable=true.")
  boolean optIn;

  @Option(
      names = "--all-services",
      description =
          "On a Swarm manager, consider every service, not only those labelled refit.enable=true.")
  boolean allServices;

  /**
   * The configuration with these options on top, above {@code --set}.
   *
   * @param more the command's own flags, applied last
   */
  RefitConfig load(Map<String, String> environment, List<ConfigOverride> more) {
    List<ConfigOverride> flags = new ArrayList<>();
    if (host != null) {
      flags.add(new ConfigOverride("docker.host", host, "--host"));
    }
    if (defaultPolicy != null) {
      flags.add(new ConfigOverride("check.defaultPolicy", defaultPolicy, "--default-policy"));
    }
    // a switch only ever turns on: without it the configuration decides
    if (optIn) {
      flags.add(new ConfigOverride("check.optIn", "true", "--opt-in"));
    }
    if (allServices) {
      flags.add(new ConfigOverride("swarm.allServices", "true", "--all-services"));
    }
    flags.addAll(more);
    return config.load(environment, flags);
  }
}
