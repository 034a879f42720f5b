package dev.refit.config;

import dev.refit.registry.Credential;
import dev.refit.registry.CredentialStore;
import dev.refit.registry.RegistrySettings;
import dev.refit.registry.StaticCredentials;
import dev.refit.version.SemverLevel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Refit's effective configuration: defaults, then the YAML file, then environment variables, then
 * command-line flags. Built by {@link ConfigLoader}; immutable.
 *
 * @param dockerHost the engine to use, or {@code null} for {@code DOCKER_HOST} / the local socket
 * @param versionTagLevel the semver level applied to version tags without a {@code refit.policy}
 * @param optInOnly whether only targets labelled {@code refit.enable=true} are considered
 * @param checkParallelism images checked at once
 * @param registry how to talk to registries
 * @param registries registries with credentials or settings of their own
 * @param update how updates are rolled out
 * @param swarm how Swarm services are treated
 */
public record RefitConfig(
    String dockerHost,
    SemverLevel versionTagLevel,
    boolean optInOnly,
    int checkParallelism,
    RegistrySettings registry,
    List<RegistryAccount> registries,
    UpdateSettings update,
    SwarmSettings swarm) {

  public RefitConfig {
    registries = List.copyOf(registries);
    update = update == null ? UpdateSettings.defaults() : update;
    swarm = swarm == null ? SwarmSettings.defaults() : swarm;
  }

  /** A configuration with the default update and Swarm settings. */
  public RefitConfig(
      String dockerHost,
      SemverLevel versionTagLevel,
      boolean optInOnly,
      int checkParallelism,
      RegistrySettings registry,
      List<RegistryAccount> registries) {
    this(dockerHost, versionTagLevel, optInOnly, checkParallelism, registry, registries, null, null);
  }

  /** Credentials from Refit's own configuration, keyed by registry host. */
  public CredentialStore credentials() {
    Map<String, Credential> byHost = new LinkedHashMap<>();
    for (RegistryAccount account : registries) {
      if (account.hasCredentials()) {
        byHost.put(
            account.host(),
            new Credential(
                account.username(), account.password(), "Refit registry '" + account.name() + "'"));
      }
    }
    return byHost.isEmpty() ? CredentialStore.none() : new StaticCredentials(byHost);
  }
}
