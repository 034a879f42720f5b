package dev.refit.plan;

import dev.refit.check.CheckResult;
import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.store.HistoryEntry;
import dev.refit.store.UpdateHistory;
import dev.refit.store.UpdateOutcome;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Refit's own container or Swarm service is not sent again an image that did not stick there. A
 * broken Refit image is rolled back (by the self-update helper, or by Swarm), the old Refit comes
 * back, and its first cycle would find the same update again: hand it over, fail and come back, in
 * every cycle. A newer image is tried as usual; other targets are not affected.
 */
public final class RolledBackOwnImage implements PlanRule {
  /** How far back the history is searched: a self-update is rare, its failures recent. */
  private static final int DEPTH = 200;
  /** Attempts that changed something and did not end on the new image (FAILED changed nothing). */
  private static final Set<UpdateOutcome> DID_NOT_STICK =
      EnumSet.of(UpdateOutcome.ROLLED_BACK, UpdateOutcome.BROKEN, UpdateOutcome.RECOVERED);

  private final Set<String> selfIds;
  private final UpdateHistory history;

  /**
   * @param selfIds the ids of the container this Refit runs in and of its Swarm service, if any
   */
  public RolledBackOwnImage(Set<String> selfIds, UpdateHistory history) {
    this.selfIds = Set.copyOf(selfIds);
    this.history = history;
  }

  @Override
  public Optional<String> hold(CheckResult r) {
    if (selfIds.isEmpty() || r.update() == null || !selfIds.contains(r.target().id())) {
      return Optional.empty();
    }
    ImageReference candidate = r.update().image();
    @Nullable Digest digest = r.update().digest();
    for (HistoryEntry e : history.page(0, DEPTH)) {
      if (e.targetName().equals(r.target().name())
          && DID_NOT_STICK.contains(e.outcome())
          && sameImage(e, candidate, digest)) {
        return Optional.of(
            "Refit's own image " + (digest == null ? candidate : digest) + " did not stick before"
                + " (history #" + e.id() + ", "
                + e.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + "); a newer image will be tried");
      }
    }
    return Optional.empty();
  }

  /**
   * The same digest when both are known (a tag pushed again with a fix is tried), else the same
   * repository and tag (a tag update's candidate may come without its digest).
   */
  private static boolean sameImage(HistoryEntry e, ImageReference candidate, @Nullable Digest digest) {
    ImageReference tried;
    try {
      tried = e.toImage() == null ? null : ImageReference.parse(e.toImage());
    } catch (RuntimeException unreadable) {
      tried = null;
    }
    String triedDigest =
        e.toDigest() != null ? e.toDigest() : tried != null && tried.digest() != null ? tried.digest().toString() : null;
    if (digest != null && triedDigest != null) {
      return digest.toString().equals(triedDigest);
    }
    return tried != null && tried.withoutDigest().equals(candidate.withoutDigest());
  }
}
