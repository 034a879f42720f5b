package dev.refit.pipeline;

import dev.refit.config.RefitConfig;
import dev.refit.docker.DockerEngine;
import dev.refit.docker.swarm.EngineSwarmApi;
import dev.refit.docker.swarm.SwarmApi;
import dev.refit.http.client.OriginClient;
import dev.refit.registry.CredentialStore;
import dev.refit.registry.RegistryClient;
import dev.refit.rollout.Applier;
import dev.refit.rollout.PausePoint;
import dev.refit.rollout.Sleeper;
import dev.refit.rollout.container.ContainerRecreateApplier;
import dev.refit.rollout.container.SelfContainer;
import dev.refit.rollout.swarm.SwarmServiceApplier;
import dev.refit.store.Journal;
import dev.refit.target.DockerContainerDiscovery;
import dev.refit.target.SwarmServiceDiscovery;
import dev.refit.version.PolicyDefaults;
import dev.refit.version.PolicyResolver;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A Docker Engine's ends of the pipeline: its standalone containers (recreated) and, when it is a
 * Swarm manager, its services (updated through their spec), as the configuration selects them
 * ({@code check.optIn}, {@code swarm.allServices}), checked against their registries with Refit's
 * and Docker's credentials.
 */
public final class EngineEnds implements PipelineEnds {
  private final RefitConfig config;
  private final Map<String, String> environment;
  private final DockerEngine engine;
  private final Clock clock;
  private @Nullable OriginClient registryHttp;

  /** @param engine owned by the caller */
  public EngineEnds(RefitConfig config, Map<String, String> environment, DockerEngine engine, Clock clock) {
    this.config = config;
    this.environment = Map.copyOf(environment);
    this.engine = engine;
    this.clock = clock;
  }

  @Override
  public TargetInventory inventory(boolean includeStopped) {
    return new EngineInventory(
        new DockerContainerDiscovery(engine, config.optInOnly()),
        new SwarmServiceDiscovery(swarm(), config.swarm().allServices()),
        includeStopped);
  }

  @Override
  public TargetChecker checker() {
    return new RegistryTargetChecker(
        this::registryHttp,
        config.registry(),
        () -> RegistryAccess.credentials(config, environment),
        new PolicyResolver(new PolicyDefaults(config.versionTagLevel())),
        engine::platform,
        config.checkParallelism());
  }

  @Override
  public List<Applier> appliers(Journal journal) {
    CredentialStore credentials = RegistryAccess.credentials(config, environment);
    RegistryClient registry = RegistryClient.create(registryHttp(), config.registry(), credentials);
    return List.of(
        new ContainerRecreateApplier(
            engine,
            registry,
            credentials,
            journal,
            config.update(),
            PausePoint.fromEnvironment(environment),
            SelfContainer.detect(),
            clock,
            Sleeper.system()),
        new SwarmServiceApplier(swarm(), registry, credentials, journal, config.swarm(), clock));
  }

  /** Refit's container, and the Swarm service whose task it is (Swarm labels task containers). */
  @Override
  public Set<String> selfIds() {
    Optional<String> self = SelfContainer.detect();
    if (self.isEmpty()) {
      return Set.of();
    }
    Set<String> ids = new HashSet<>();
    ids.add(self.get());
    try {
      engine.api().findContainer(self.get())
          .map(c -> c.path("Config").path("Labels").path("com.docker.swarm.service.id").asText(""))
          .filter(id -> !id.isEmpty())
          .ifPresent(ids::add);
    } catch (RuntimeException e) {
      // the container alone: without its labels, the service is not known
    }
    return Set.copyOf(ids);
  }

  /**
   * The one HTTP client every cycle's registry clients share (checks and rollouts), so that its
   * kept-alive connections serve the next cycle too: made on first use.
   */
  private synchronized OriginClient registryHttp() {
    if (registryHttp == null) {
      registryHttp = RegistryClient.http(config.registry());
    }
    return registryHttp;
  }

  /** The engine as a Swarm manager (whether it is one, only asking tells). */
  private SwarmApi swarm() {
    return new EngineSwarmApi(engine.api(), engine.host());
  }
}
