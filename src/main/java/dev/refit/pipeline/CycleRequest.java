package dev.refit.pipeline;

import dev.refit.image.ImageName;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What one cycle should look at: every target, or only those running some repositories (a
 * webhook), or some containers (a Docker event), or some targets by name (the API). Requests that
 * arrive while a cycle runs are merged into one, so bursts cost one cycle.
 *
 * @param all every target
 * @param images repositories whose targets to check
 * @param targetIds engine ids of targets to check
 * @param targetNames names of targets to check
 * @param forceApply names of targets whose update a person asked to apply now
 * @param triggers what asked, e.g. {@code schedule}, {@code webhook:distribution}
 */
public record CycleRequest(
    boolean all,
    Set<ImageName> images,
    Set<String> targetIds,
    Set<String> targetNames,
    Set<String> forceApply,
    Set<String> triggers) {

  public CycleRequest {
    images = Set.copyOf(images);
    targetIds = Set.copyOf(targetIds);
    targetNames = Set.copyOf(targetNames);
    forceApply = Set.copyOf(forceApply);
    triggers = Set.copyOf(new LinkedHashSet<>(triggers));
  }

  public static CycleRequest everything(String trigger) {
    return new CycleRequest(true, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(trigger));
  }

  public static CycleRequest images(Set<ImageName> images, String trigger) {
    return new CycleRequest(false, images, Set.of(), Set.of(), Set.of(), Set.of(trigger));
  }

  public static CycleRequest containers(Set<String> ids, String trigger) {
    return new CycleRequest(false, Set.of(), ids, Set.of(), Set.of(), Set.of(trigger));
  }

  public static CycleRequest targets(Set<String> names, String trigger) {
    return new CycleRequest(false, Set.of(), Set.of(), names, Set.of(), Set.of(trigger));
  }

  /** Check these targets and apply their updates now, whatever mode, age and window say. */
  public static CycleRequest apply(Set<String> names, String trigger) {
    return new CycleRequest(false, Set.of(), Set.of(), names, names, Set.of(trigger));
  }

  public CycleRequest merge(CycleRequest other) {
    return new CycleRequest(
        all || other.all,
        union(images, other.images),
        union(targetIds, other.targetIds),
        union(targetNames, other.targetNames),
        union(forceApply, other.forceApply),
        union(triggers, other.triggers));
  }

  /** One word for history and logs; several merged triggers are joined with '+'. */
  public String trigger() {
    return String.join("+", new java.util.TreeSet<>(triggers));
  }

  private static <T> Set<T> union(Set<T> a, Set<T> b) {
    Set<T> out = new LinkedHashSet<>(a);
    out.addAll(b);
    return out;
  }
}
