package dev.refit.cli;

import dev.refit.config.ConfigOverride;
import dev.refit.config.RefitConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The flags the daemons ({@code refit serve}, {@code refit agent}) share, and how a daemon's own
 * flags become configuration overrides: each flag given overrides its key, above file, {@code
 * REFIT_*} variables and {@code --set}.
 */
final class DaemonOptions {
  @Mixin ConfigOptions config;

  @Option(names = "--host", paramLabel = "URI", description = "Docker Engine (docker.host).")
  String host;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the database (and an agent's credential) lives (state.dir).")
  String stateDir;

  /** The configuration with these flags and the command's own ({@link Flags}) applied. */
  RefitConfig load(Map<String, String> environment, Flags own) {
    Flags all = new Flags().add("docker.host", host, "--host").add("state.dir", stateDir, "--state-dir");
    all.overrides.addAll(own.overrides);
    return config.load(environment, all.overrides);
  }

  /** A command's flags as overrides; a flag not given ({@code null}) overrides nothing. */
  static final class Flags {
    private final List<ConfigOverride> overrides = new ArrayList<>();

    Flags add(String key, String value, String flag) {
      if (value != null) {
        overrides.add(new ConfigOverride(key, value, flag));
      }
      return this;
    }
  }
}
