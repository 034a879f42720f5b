package dev.refit.files;

import dev.refit.image.Digest;

/** What the registry says about one {@link ImageQuestion}. */
public sealed interface ImageAnswer {
  /** The pinned version is the newest the policy allows (and a pinned digest is still the tag's). */
  record UpToDate() implements ImageAnswer {}

  /**
   * A newer version to write.
   *
   * @param tag the new tag, or {@code null} when the tag stays and only its digest moved
   * @param digest the new digest, for references that pin one, else {@code null}
   */
  record Update(String tag, Digest digest) implements ImageAnswer {}

  /** The registry could not answer: unknown registry, repository or tag, auth, rate limit. */
  record Failed(String reason) implements ImageAnswer {}
}
