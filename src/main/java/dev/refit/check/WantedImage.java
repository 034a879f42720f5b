package dev.refit.check;

import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import java.util.Objects;

/**
 * An exact image someone asked a target to run now, instead of what its version policy would pick:
 * a person ({@code refit update NAME --to TAG}, {@code refit rollback}), the API, or CI through the
 * deploy hook. The check resolves it to a digest like any other update, so the rollout that
 * follows is pinned, gated and rolled back on failure exactly as usual.
 */
public sealed interface WantedImage permits WantedImage.Tag, WantedImage.Earlier {

  /** A short description for reports and history, e.g. {@code exact tag 1.2.3}. */
  String describe();

  /**
   * A tag of the target's own repository.
   *
   * @param tag the tag to run, e.g. {@code 1.2.3} or CI's build number {@code 42}
   * @param allowDowngrade whether a tag older than the one the target runs may be rolled out
   */
  record Tag(String tag, boolean allowDowngrade) implements WantedImage {
    public Tag {
      Objects.requireNonNull(tag, "tag");
      if (!ImageReference.validTag(tag)) {
        throw new IllegalArgumentException(
            "'" + tag + "' is not a valid image tag (letters, digits, '_', '.', '-'; at most 128)");
      }
    }

    @Override
    public String describe() {
      return "exact tag " + tag;
    }
  }

  /**
   * An image, by digest, that the target ran before: a rollback to what a history entry left
   * running.
   *
   * @param image repository and tag as the target ran them, with the digest it ran
   * @param historyId the history entry that says so
   * @param withData whether the container's volumes go back too, to the snapshot Refit kept of them
   *     while it ran that image ({@code refit rollback --with-data})
   */
  record Earlier(ImageReference image, long historyId, boolean withData) implements WantedImage {
    public Earlier {
      Objects.requireNonNull(image, "image");
      if (!image.hasDigest()) {
        throw new IllegalArgumentException("a rollback needs the digest the target ran: " + image);
      }
    }

    public Digest digest() {
      return Objects.requireNonNull(image.digest());
    }

    @Override
    public String describe() {
      return "rollback to history #" + historyId + " (" + image.withoutDigest().familiarForm() + "@"
          + digest().shortForm() + ")" + (withData ? " with its data" : "");
    }
  }
}
