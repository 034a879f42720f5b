package dev.refit.pipeline;

import dev.refit.target.DockerContainerDiscovery;
import dev.refit.target.SwarmServiceDiscovery;
import dev.refit.target.Target;
import java.util.ArrayList;
import java.util.List;

/** The targets of one Docker Engine: its standalone containers, then, on a Swarm manager, its services. */
public final class EngineInventory implements TargetInventory {
  private final DockerContainerDiscovery containers;
  private final SwarmServiceDiscovery services;
  private final boolean includeStopped;

  /** @param includeStopped also containers that are not running, as {@code docker ps -a} */
  public EngineInventory(
      DockerContainerDiscovery containers, SwarmServiceDiscovery services, boolean includeStopped) {
    this.containers = containers;
    this.services = services;
    this.includeStopped = includeStopped;
  }

  @Override
  public List<Target> discover() {
    List<Target> targets = new ArrayList<>(containers.discover(includeStopped));
    targets.addAll(services.discover());
    return targets;
  }
}
