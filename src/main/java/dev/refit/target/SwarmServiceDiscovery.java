package dev.refit.target;

import dev.refit.docker.swarm.ServiceSnapshot;
import dev.refit.docker.swarm.SwarmApi;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the Swarm services of a manager. Services opt in with {@code refit.enable=true}, unlike
 * containers: a service usually belongs to a stack someone deploys on purpose, so Refit leaves it
 * alone unless told otherwise (or unless every service is switched on globally). Jobs, and the
 * services of {@code refit host-job}, run to completion and are never targets.
 */
public final class SwarmServiceDiscovery {
  private final SwarmApi swarm;
  private final boolean allServices;

  /**
   * @param allServices the global switch: every service is a target unless it opts out
   */
  public SwarmServiceDiscovery(SwarmApi swarm, boolean allServices) {
    this.swarm = swarm;
    this.allServices = allServices;
  }

  /**
   * @return the services sorted by name; none when the engine is not a Swarm manager, since only a
   *     manager can tell and change them
   */
  public List<Target> discover() {
    if (!swarm.isManager()) {
      return List.of();
    }
    List<Target> targets = new ArrayList<>();
    for (ServiceSnapshot service : swarm.services()) {
      if (service.mode().isJob() || service.labels().containsKey(RefitLabels.HOST_JOB)) {
        continue;
      }
      targets.add(
          new Target(
              TargetKind.SERVICE,
              service.id(),
              service.name(),
              swarm.host(),
              // repo:tag@sha256:... as Swarm pinned it: the checker compares that digest
              service.image(),
              null,
              List.of(),
              UpdateRules.fromLabels(service.labels(), !allServices),
              Target.sourceOf(service.labels())));
    }
    targets.sort(Comparator.comparing(Target::name));
    return targets;
  }
}
