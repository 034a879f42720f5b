package dev.refit.pipeline;

import dev.refit.check.WantedImage;
import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.image.InvalidReferenceException;
import dev.refit.store.HistoryEntry;
import dev.refit.store.UpdateHistory;
import dev.refit.store.UpdateOutcome;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns "roll NAME back" into a {@link CycleRequest} for the exact image, by digest, that a history
 * entry left running, so a rollback walks the same pipeline as any update: checked, planned,
 * pulled by digest, gated by readiness, rolled back itself if the old image fails now, recorded.
 *
 * <p>Which image: without an entry, the one the target ran before its newest applied update
 * (undo the last update); with an entry, the one that entry left running: the new image of an
 * applied update, the old image of one that was rolled back or failed.
 */
public final class Rollbacks {
  /** How far back the newest applied update of a target is looked for. */
  private static final int DEPTH = 500;

  private final UpdateHistory history;

  public Rollbacks(UpdateHistory history) {
    this.history = history;
  }

  /**
   * @param historyId the entry whose image to go back to, or {@code null} for the one before the
   *     newest applied update
   * @param withData whether the container's volumes go back too, to the snapshot kept while it
   *     ran that image
   * @throws IllegalArgumentException one line naming what cannot be rolled back and why
   */
  public CycleRequest request(String name, @Nullable Long historyId, boolean withData, String trigger) {
    return CycleRequest.exact(Set.of(name), image(name, historyId, withData), trigger);
  }

  /** The image, by digest, to go back to; see {@link #request}. */
  public WantedImage.Earlier image(String name, @Nullable Long historyId, boolean withData) {
    if (historyId == null) {
      HistoryEntry last =
          history.ofTarget(name, DEPTH).stream()
              .filter(e -> e.outcome() == UpdateOutcome.APPLIED)
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "the history has no applied update of " + name + " to roll back (see refit history)"));
      return side(last, last.fromImage(), last.fromDigest(), "before", withData);
    }
    HistoryEntry entry =
        history
            .find(historyId)
            .orElseThrow(() -> new IllegalArgumentException("history entry #" + historyId + " does not exist"));
    if (!entry.targetName().equals(name)) {
      throw new IllegalArgumentException(
          "history entry #" + historyId + " is about " + entry.targetName() + ", not " + name);
    }
    return switch (entry.outcome()) {
      case APPLIED -> side(entry, entry.toImage(), entry.toDigest(), "after", withData);
      case ROLLED_BACK, FAILED -> side(entry, entry.fromImage(), entry.fromDigest(), "before", withData);
      default ->
          throw new IllegalArgumentException(
              "history entry #" + historyId + " ended " + entry.outcome().name().toLowerCase(Locale.ROOT)
                  + ", which does not say what ran after it; pick an applied, rolled back or failed one");
    };
  }

  private static WantedImage.Earlier side(
      HistoryEntry entry, @Nullable String image, @Nullable String digest, String when, boolean withData) {
    String where = "history entry #" + entry.id() + " (" + entry.targetName() + ")";
    if (image == null) {
      throw new IllegalArgumentException(where + " does not name the image it ran " + when);
    }
    ImageReference reference;
    try {
      reference = ImageReference.parse(image);
      Digest pinned = digest != null ? Digest.parse(digest) : reference.digest();
      if (pinned == null) {
        throw new IllegalArgumentException(
            where + " does not know the registry digest of " + image + " (built locally, never pulled"
                + " or pushed): there is nothing to pin a rollback to");
      }
      return new WantedImage.Earlier(reference.withoutDigest().withDigest(pinned), entry.id(), withData);
    } catch (InvalidReferenceException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }
}
