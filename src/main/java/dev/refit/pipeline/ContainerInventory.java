package dev.refit.pipeline;

import dev.refit.target.DockerContainerDiscovery;
import dev.refit.target.Target;
import java.util.List;

/** The running containers of one engine. */
public final class ContainerInventory implements TargetInventory {
  private final DockerContainerDiscovery discovery;

  public ContainerInventory(DockerContainerDiscovery discovery) {
    this.discovery = discovery;
  }

  @Override
  public List<Target> discover() {
    return discovery.discover(false);
  }
}
