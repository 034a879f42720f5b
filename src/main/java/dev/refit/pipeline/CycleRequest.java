package dev.refit.pipeline;

import dev.refit.check.WantedImage;
import dev.refit.image.ImageName;
import dev.refit.image.ImageReference;
import dev.refit.image.InvalidReferenceException;
import dev.refit.target.Target;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
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
 * @param wanted by target name: the exact image a person or the API asked that target to run
 *     ({@code refit update NAME --to TAG}, {@code refit rollback NAME}); such a target is checked
 *     against it instead of its policy, and its update is applied now
 * @param deploys by repository: the tag CI's deploy hook announced; only targets that opted in
 *     with {@code refit.deploy-hook=true} take it (as if named in {@code wanted}), the others
 *     running that repository are only re-checked by their policy
 */
public record CycleRequest(
    boolean all,
    Set<ImageName> images,
    Set<String> targetIds,
    Set<String> targetNames,
    Set<String> forceApply,
    boolean forceAll,
    Set<String> triggers,
    Map<String, WantedImage> wanted,
    Map<ImageName, WantedImage.Tag> deploys) {

  public CycleRequest {
    images = Set.copyOf(images);
    targetIds = Set.copyOf(targetIds);
    targetNames = Set.copyOf(targetNames);
    forceApply = Set.copyOf(forceApply);
    triggers = Set.copyOf(new LinkedHashSet<>(triggers));
    wanted = Map.copyOf(wanted);
    deploys = Map.copyOf(deploys);
    if (forceAll && !all) {
      throw new IllegalArgumentException("forceAll covers every target: it needs all");
    }
  }

  public static CycleRequest everything(String trigger) {
    return new CycleRequest(true, Set.of(), Set.of(), Set.of(), Set.of(), false, Set.of(trigger), Map.of(), Map.of());
  }

  public static CycleRequest images(Set<ImageName> images, String trigger) {
    return new CycleRequest(false, images, Set.of(), Set.of(), Set.of(), false, Set.of(trigger), Map.of(), Map.of());
  }

  public static CycleRequest containers(Set<String> ids, String trigger) {
    return new CycleRequest(false, Set.of(), ids, Set.of(), Set.of(), false, Set.of(trigger), Map.of(), Map.of());
  }

  public static CycleRequest targets(Set<String> names, String trigger) {
    return new CycleRequest(false, Set.of(), Set.of(), names, Set.of(), false, Set.of(trigger), Map.of(), Map.of());
  }

  /** Check these targets and apply their updates now, whatever mode, approval, age and window say. */
  public static CycleRequest apply(Set<String> names, String trigger) {
    return new CycleRequest(false, Set.of(), Set.of(), names, names, false, Set.of(trigger), Map.of(), Map.of());
  }

  /** Check every target and apply every update now, whatever mode, approval, age and window say. */
  public static CycleRequest applyEverything(String trigger) {
    return new CycleRequest(true, Set.of(), Set.of(), Set.of(), Set.of(), true, Set.of(trigger), Map.of(), Map.of());
  }

  /**
   * Check these targets against exactly this image and apply it now, whatever policy, mode,
   * approval, age and window say ({@code refit update NAME --to TAG}, a rollback, the API).
   */
  public static CycleRequest exact(Set<String> names, WantedImage image, String trigger) {
    Map<String, WantedImage> wanted = new LinkedHashMap<>();
    names.forEach(n -> wanted.put(n, image));
    return new CycleRequest(
        false, Set.of(), Set.of(), names, names, false, Set.of(trigger), wanted, Map.of());
  }

  /**
   * CI's deploy hook: targets running {@code repository} that opted in with {@code
   * refit.deploy-hook=true} move to exactly {@code tag}; every other target running it is
   * re-checked by its policy, as for any webhook.
   */
  public static CycleRequest deploy(ImageName repository, WantedImage.Tag tag, String trigger) {
    return new CycleRequest(
        false, Set.of(repository), Set.of(), Set.of(), Set.of(), false, Set.of(trigger), Map.of(),
        Map.of(repository, tag));
  }

  /** Both requests in one; where both ask for an exact image of the same target, {@code other}'s wins. */
  public CycleRequest merge(CycleRequest other) {
    Map<String, WantedImage> bothWanted = new LinkedHashMap<>(wanted);
    bothWanted.putAll(other.wanted);
    Map<ImageName, WantedImage.Tag> bothDeploys = new LinkedHashMap<>(deploys);
    bothDeploys.putAll(other.deploys);
    return new CycleRequest(
        all || other.all,
        union(images, other.images),
        union(targetIds, other.targetIds),
        union(targetNames, other.targetNames),
        union(forceApply, other.forceApply),
        forceAll || other.forceAll,
        union(triggers, other.triggers),
        bothWanted,
        bothDeploys);
  }

  /**
   * The exact image this request asks the target to run, if any: asked for by name, or announced
   * by the deploy hook for a target that opted in.
   */
  public Optional<WantedImage> wanted(Target target) {
    WantedImage byName = wanted.get(target.name());
    if (byName != null) {
      return Optional.of(byName);
    }
    if (deploys.isEmpty() || !target.rules().deployHook() || target.image() == null) {
      return Optional.empty();
    }
    try {
      ImageReference image = ImageReference.parse(target.image());
      return deploys.entrySet().stream()
          .filter(e -> e.getKey().matches(image))
          .<WantedImage>map(Map.Entry::getValue)
          .findFirst();
    } catch (InvalidReferenceException e) {
      return Optional.empty();
    }
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

  /** Whether a person (or CI, through the deploy hook) asked for this target's update to be applied now. */
  public boolean forced(Target target) {
    return forceAll || forceApply.contains(target.name()) || wanted(target).isPresent();
  }

  private static <T> Set<T> union(Set<T> a, Set<T> b) {
    Set<T> out = new LinkedHashSet<>(a);
    out.addAll(b);
    return out;
  }
}
