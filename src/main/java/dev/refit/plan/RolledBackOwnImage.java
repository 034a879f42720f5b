package dev.refit.plan;

import dev.refit.check.CheckResult;
import dev.refit.store.HistoryEntry;
import dev.refit.store.UpdateHistory;
import dev.refit.store.UpdateOutcome;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

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
    if (selfIds.isEmpty() || r.update() == null || r.update().digest() == null
        || !selfIds.contains(r.target().id())) {
      return Optional.empty();
    }
    String digest = r.update().digest().toString();
    for (HistoryEntry e : history.page(0, DEPTH)) {
      if (e.targetName().equals(r.target().name())
          && DID_NOT_STICK.contains(e.outcome())
          && (digest.equals(e.toDigest()) || (e.toImage() != null && e.toImage().endsWith("@" + digest)))) {
        return Optional.of(
            "Refit's own image " + digest + " did not stick before (history #" + e.id() + ", "
                + e.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + "); a newer image will be tried");
      }
    }
    return Optional.empty();
  }
}
