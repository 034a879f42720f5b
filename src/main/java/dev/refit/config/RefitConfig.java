package dev.refit.config;

import dev.refit.fleet.FleetSettings;
import dev.refit.notify.NotifierSettings;
import dev.refit.plan.GateSettings;
import dev.refit.registry.Credential;
import dev.refit.registry.CredentialStore;
import dev.refit.registry.RegistrySettings;
import dev.refit.registry.StaticCredentials;
import dev.refit.store.DatabaseUrl;
import dev.refit.version.SemverLevel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Refit's effective configuration: defaults, then the YAML file, then environment variables, then
 * command-line flags. Built by {@link ConfigLoader}; immutable. {@code toString} masks secrets.
 *
 * @param dockerHost the engine to use, or {@code null} for {@code DOCKER_HOST} / the local socket
 * @param versionTagLevel the semver level applied to version tags without a {@code refit.policy}
 * @param optInOnly whether only targets labelled {@code refit.enable=true} are considered
 * @param checkParallelism images checked at once
 * @param registry how to talk to registries
 * @param registries registries with credentials or settings of their own
 * @param update how updates are rolled out
 * @param stateDir this host's state directory (lock, embedded database), or {@code null} for the
 *     default directory
 * @param database a PostgreSQL server for the state, or {@code null} for the embedded SQLite file
 *     in the state directory
 * @param serve the daemon's HTTP listener and API credentials
 * @param schedule when the daemon checks by itself
 * @param gates modes, minimum age and maintenance windows ({@code update.mode}, {@code
 *     update.minAge}, {@code update.windows})
 * @param webhooks secrets of the registry webhooks
 * @param notifiers where events are sent
 * @param swarm how Swarm services are treated
 * @param fleet the fleet server's settings ({@code refit serve})
 */
public record RefitConfig(
    String dockerHost,
    SemverLevel versionTagLevel,
    boolean optInOnly,
    int checkParallelism,
    RegistrySettings registry,
    List<RegistryAccount> registries,
    UpdateSettings update,
    Path stateDir,
    DatabaseUrl database,
    ServeSettings serve,
    ScheduleSettings schedule,
    GateSettings gates,
    WebhookSettings webhooks,
    List<NotifierSettings> notifiers,
    SwarmSettings swarm,
    FleetSettings fleet) {

  public RefitConfig {
    registries = List.copyOf(registries);
    update = update == null ? UpdateSettings.defaults() : update;
    notifiers = List.copyOf(notifiers);
    swarm = swarm == null ? SwarmSettings.defaults() : swarm;
    fleet = fleet == null ? FleetSettings.defaults() : fleet;
  }

  /** The check-only configuration of {@code refit check}; everything else at its default. */
  public RefitConfig(
      String dockerHost,
      SemverLevel versionTagLevel,
      boolean optInOnly,
      int checkParallelism,
      RegistrySettings registry,
      List<RegistryAccount> registries) {
    this(
        dockerHost,
        versionTagLevel,
        optInOnly,
        checkParallelism,
        registry,
        registries,
        UpdateSettings.defaults(),
        null,
        null,
        ServeSettings.defaults(),
        ScheduleSettings.defaults(),
        GateSettings.defaults(),
        WebhookSettings.defaults(),
        List.of(),
        SwarmSettings.defaults(),
        FleetSettings.defaults());
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
