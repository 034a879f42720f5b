package dev.refit.testing;

import dev.refit.config.ConfigLoader;
import dev.refit.config.ConfigOverride;
import dev.refit.config.RefitConfig;
import java.util.List;
import java.util.Map;

/** Refit's configuration as tests write it: defaults, then {@code key=value} settings, as {@code --set} takes them. */
public final class TestConfig {
  private TestConfig() {}

  public static RefitConfig of(String... settings) {
    return of(List.of(settings));
  }

  public static RefitConfig of(List<String> settings) {
    return new ConfigLoader(Map.of()).load(null, settings.stream().map(ConfigOverride::parseSet).toList());
  }
}
