package dev.refit.plan;

import dev.refit.check.AvailableUpdate;
import dev.refit.check.CheckResult;
import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.store.HistoryEntry;
import dev.refit.store.UpdateHistory;
import dev.refit.store.UpdateOutcome;
import dev.refit.target.Target;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Remembers, from a target's history, the images that did not stick on it: an update to them was
 * rolled back (by the gate, by Swarm, or by recovery after a crash), or a person rolled the target
 * back away from them. Without this a daemon in mode {@code apply} would try a broken image again
 * at every cycle, taking the service down for a health timeout each time, and would undo a
 * person's rollback at its next cycle. A newer image (another digest) is tried as usual; a person
 * asking for the update ({@code refit update NAME}, the API's apply) tries this one again.
 */
public final class ImagesThatDidNotStick {
  /** How far back a target's history is read: what decides is its latest attempts. */
  private static final int DEPTH = 50;
  /** Attempts that changed something and did not end on the new image (FAILED changed nothing). */
  private static final Set<UpdateOutcome> DID_NOT_STICK =
      EnumSet.of(UpdateOutcome.ROLLED_BACK, UpdateOutcome.BROKEN, UpdateOutcome.RECOVERED);
  /** How the rollback front doors name their trigger ({@code cli:rollback}, {@code api:rollback}, ...). */
  private static final String ROLLBACK_TRIGGER = ":rollback";

  private final UpdateHistory history;

  public ImagesThatDidNotStick(UpdateHistory history) {
    this.history = history;
  }

  /**
   * Why the result's available update is held, or empty when the target's latest entry about that
   * image is not a failure to stick (never tried, failed without changing anything, or applied).
   */
  public Optional<String> reason(CheckResult r) {
    AvailableUpdate update = r.update();
    if (update == null) {
      return Optional.empty();
    }
    Target target = r.target();
    for (HistoryEntry e : history.ofTarget(target.name(), DEPTH)) {
      // not compared by location: the same engine is spelled differently by the daemon, the CLI
      // and a Refit in a container, and a missed match would retry a broken image
      if (!e.targetKind().equals(target.kind().label())) {
        continue;
      }
      boolean rollbackByPerson = e.outcome() == UpdateOutcome.APPLIED && isRollback(e);
      if (rollbackByPerson && same(e.fromImage(), e.fromDigest(), update)) {
        return Optional.of(
            shown(update) + " was rolled back by hand (history #" + e.id() + ", " + e.trigger() + ")"
                + "; a newer image will be applied, `refit update " + target.name() + "` applies this one");
      }
      if (rollbackByPerson || !same(e.toImage(), e.toDigest(), update)) {
        continue;
      }
      if (DID_NOT_STICK.contains(e.outcome())) {
        return Optional.of(
            shown(update) + " did not stick before (history #" + e.id() + ", "
                + e.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + "); a newer image will be tried, `refit update " + target.name() + "` tries this one again");
      }
      if (e.outcome() == UpdateOutcome.APPLIED) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static boolean isRollback(HistoryEntry e) {
    return e.trigger() != null && e.trigger().endsWith(ROLLBACK_TRIGGER);
  }

  private static String shown(AvailableUpdate update) {
    Digest digest = update.digest();
    return update.image().familiarForm() + (digest == null ? "" : " (" + digest.shortForm() + ")");
  }

  /**
   * Whether an entry's image is the update's: the same digest when both are known (a tag pushed
   * again with a fix is tried), else the same repository and tag (a tag update's candidate may come
   * without its digest, and a recovery may record the pinned reference only).
   */
  private static boolean same(@Nullable String image, @Nullable String digest, AvailableUpdate update) {
    ImageReference recorded;
    try {
      recorded = image == null ? null : ImageReference.parse(image);
    } catch (RuntimeException unreadable) {
      recorded = null;
    }
    String recordedDigest =
        digest != null ? digest : recorded != null && recorded.digest() != null ? recorded.digest().toString() : null;
    if (update.digest() != null && recordedDigest != null) {
      return update.digest().toString().equals(recordedDigest);
    }
    return recorded != null && recorded.withoutDigest().equals(update.image().withoutDigest());
  }
}
