package dev.refit.pipeline;

import dev.refit.config.RefitConfig;
import dev.refit.registry.CredentialStore;
import dev.refit.registry.DockerConfigCredentials;
import dev.refit.registry.RegistryClient;
import java.util.List;
import java.util.Map;

/**
 * The registry client every front door uses: Refit's own registry accounts first, then Docker's
 * config.json (and its credential helpers), as {@code docker pull} would find them.
 */
public final class RegistryAccess {
  private RegistryAccess() {}

  /** Read afresh on each call: a long-running Refit sees a {@code docker login} done meanwhile. */
  public static CredentialStore credentials(RefitConfig config, Map<String, String> environment) {
    return CredentialStore.firstOf(
        List.of(
            config.credentials(),
            DockerConfigCredentials.load(DockerConfigCredentials.defaultDirectory(environment))));
  }

  public static RegistryClient client(RefitConfig config, Map<String, String> environment) {
    return RegistryClient.create(config.registry(), credentials(config, environment));
  }
}
