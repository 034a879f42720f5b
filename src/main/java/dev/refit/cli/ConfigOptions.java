package dev.refit.cli;

import dev.refit.config.ConfigLoader;
import dev.refit.config.ConfigOverride;
import dev.refit.config.RefitConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The flags every configured command shares: the file, and {@code --set key=value} for any key.
 * Commands add flags of their own for the keys people set most, as further overrides.
 */
final class ConfigOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Refit configuration file (default: $" + ConfigLoader.CONFIG_ENV + ").")
  Path configFile;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Sets any configuration key, above file and environment, e.g. --set update.minAge=2d.")
  List<String> assignments = new ArrayList<>();

  RefitConfig load(Map<String, String> environment) {
    return load(environment, List.of());
  }

  /**
   * @param flags the command's own flags, applied after {@code --set}
   */
  RefitConfig load(Map<String, String> environment, List<ConfigOverride> flags) {
    List<ConfigOverride> all = new ArrayList<>();
    assignments.forEach(a -> all.add(ConfigOverride.parseSet(a)));
    all.addAll(flags);
    return new ConfigLoader(environment).load(configFile, all);
  }
}
