package dev.refit.pipeline;

import dev.refit.rollout.Applier;
import dev.refit.store.Journal;
import java.util.List;
import java.util.Set;

/**
 * The kind-specific ends of the pipeline for one place where targets live (a Docker Engine, with
 * its containers and Swarm services): what the targets are, how they are checked, and one applier
 * per kind. Everything between them (plan, gates, rollout, record) is the same whatever the kind,
 * and {@link PipelineFactory} builds it once; tests put fakes here and run the real pipeline.
 */
public interface PipelineEnds {
  /**
   * @param includeStopped also containers that are not running ({@code refit check --all}); the
   *     pipeline never asks for those, since only running containers are updated
   */
  TargetInventory inventory(boolean includeStopped);

  TargetChecker checker();

  /**
   * The appliers for one cycle, journaling each step to {@code journal}; new ones per cycle, so
   * that registry state (tokens, failures) and credentials last one cycle.
   */
  List<Applier> appliers(Journal journal);

  /** The ids of the container this Refit runs in and of its Swarm service; none by default. */
  default Set<String> selfIds() {
    return Set.of();
  }
}
