package dev.refit.pipeline;

import dev.refit.image.ImageName;
import dev.refit.image.ImageReference;
import dev.refit.image.InvalidReferenceException;
import dev.refit.target.Target;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one cycle should look at: every target, or only those running some repositories (a
 * webhook), or some containers (a Docker event), or some targets by name (the API, {@code refit
 * update NAME}); and which updates a person asked to apply now. Requests that arrive while a cycle
 * runs are merged into one, so bursts cost one cycle.
 *
 * @param all every target
 * @param images repositories whose targets to check
 * @param targetIds engine ids of targets to check
 * @param targetNames names of targets to check
 * @param forceApply names of targets whose update a person asked to apply now
 * @param forceAll a person asked to apply every update found now ({@code refit update}); only
 *     with {@code all}, so that a merge never extends it to targets nobody asked for
 * @param triggers what asked, e.g. {@code schedule}, {@code webhook:distribution}, {@code cli}
 */
public record CycleRequest(
    boolean all,
    Set<ImageName> images,
    Set<String> targetIds,
    Set<String> targetNames,
    Set<String> forceApply,
    boolean forceAll,
    Set<String> triggers) {

  public CycleRequest {
    images = Set.copyOf(images);
    targetIds = Set.copyOf(targetIds);
    targetNames = Set.copyOf(targetNames);
    forceApply = Set.copyOf(forceApply);
    triggers = Set.copyOf(new LinkedHashSet<>(triggers));
    if (forceAll && !all) {
      throw new IllegalArgumentException("forceAll covers every target: it needs all");
    }
  }

  public static CycleRequest everything(String trigger) {
    return new CycleRequest(true, Set.of(), Set.of(), Set.of(), Set.of(), false, Set.of(trigger));
  }

  public static CycleRequest images(Set<ImageName> images, String trigger) {
    return new CycleRequest(false, images, Set.of(), Set.of(), Set.of(), false, Set.of(trigger));
  }

  public static CycleRequest containers(Set<String> ids, String trigger) {
    return new CycleRequest(false, Set.of(), ids, Set.of(), Set.of(), false, Set.of(trigger));
  }

  public static CycleRequest targets(Set<String> names, String trigger) {
    return new CycleRequest(false, Set.of(), Set.of(), names, Set.of(), false, Set.of(trigger));
  }

  /** Check these targets and apply their updates now, whatever mode, approval, age and window say. */
  public static CycleRequest apply(Set<String> names, String trigger) {
    return new CycleRequest(false, Set.of(), Set.of(), names, names, false, Set.of(trigger));
  }

  /** Check every target and apply every update now, whatever mode, approval, age and window say. */
  public static CycleRequest applyEverything(String trigger) {
    return new CycleRequest(true, Set.of(), Set.of(), Set.of(), Set.of(), true, Set.of(trigger));
  }

  public CycleRequest merge(CycleRequest other) {
    return new CycleRequest(
        all || other.all,
        union(images, other.images),
        union(targetIds, other.targetIds),
        union(targetNames, other.targetNames),
        union(forceApply, other.forceApply),
        forceAll || other.forceAll,
        union(triggers, other.triggers));
  }

  /** One word for history and logs; several merged triggers are joined with '+'. */
  public String trigger() {
    return String.join("+", new TreeSet<>(triggers));
  }

  /** Whether the target is one this request asks about. */
  public boolean covers(Target target) {
    if (all || targetIds.contains(target.id()) || targetNames.contains(target.name())) {
      return true;
    }
    if (images.isEmpty() || target.image() == null) {
      return false;
    }
    try {
      ImageReference image = ImageReference.parse(target.image());
      return images.stream().anyMatch(n -> n.matches(image));
    } catch (InvalidReferenceException e) {
      return false;
    }
  }

  /** Whether a person asked for this target's update to be applied now. */
  public boolean forced(Target target) {
    return forceAll || forceApply.contains(target.name());
  }

  private static <T> Set<T> union(Set<T> a, Set<T> b) {
    Set<T> out = new LinkedHashSet<>(a);
    out.addAll(b);
    return out;
  }
}
