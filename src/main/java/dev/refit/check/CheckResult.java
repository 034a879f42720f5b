package dev.refit.check;

import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.target.Target;
import org.jspecify.annotations.Nullable;

/**
 * What the check found for one target.
 *
 * @param target the target checked
 * @param image its parsed image reference, or {@code null} when it could not be parsed
 * @param currentDigest the registry digest of the image it runs, when known
 * @param policy the version policy applied, as text, or {@code null} when none was resolved
 * @param status the verdict
 * @param update the newer image, for {@link CheckStatus#UPDATE_AVAILABLE}
 * @param reason why, for {@link CheckStatus#ERROR} and {@link CheckStatus#SKIPPED}; for a target
 *     checked against an image someone asked for ({@link WantedImage}), what was asked, which
 *     reports and the history repeat
 */
public record CheckResult(
    Target target,
    @Nullable ImageReference image,
    @Nullable Digest currentDigest,
    @Nullable String policy,
    CheckStatus status,
    @Nullable AvailableUpdate update,
    @Nullable String reason) {

  static CheckResult skipped(Target target, @Nullable ImageReference image, String reason) {
    return new CheckResult(target, image, null, null, CheckStatus.SKIPPED, null, reason);
  }

  static CheckResult error(
      Target target,
      @Nullable ImageReference image,
      @Nullable Digest current,
      @Nullable String policy,
      @Nullable String reason) {
    return new CheckResult(target, image, current, policy, CheckStatus.ERROR, null, reason);
  }
}
