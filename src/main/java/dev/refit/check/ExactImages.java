package dev.refit.check;

import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.image.Platform;
import dev.refit.registry.ManifestDescriptor;
import dev.refit.registry.RegistryException;
import dev.refit.target.Target;
import dev.refit.version.VersionTag;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Checks a target against the exact image someone asked for ({@link WantedImage}) instead of its
 * policy: an asked-for tag is resolved to the digest the registry serves for it now (an unknown tag
 * is an error naming tag and repository), an earlier image keeps the digest it ran. Either becomes
 * an ordinary available update, pinned by digest; a downgrade is refused unless allowed.
 */
final class ExactImages {
  /** What the check result's policy column says for an asked-for image. */
  static final String EXACT = "exact";
  static final String ROLLBACK = "rollback";
  /** Said with every asked-for update, so that reports and history show the gates gave way. */
  private static final String SET_ASIDE = "policy and gates (mode, approval, minimum age, windows) set aside";

  private final NewestImage newest;
  private final Supplier<Platform> platform;

  ExactImages(NewestImage newest, Supplier<Platform> platform) {
    this.newest = newest;
    this.platform = platform;
  }

  /**
   * @param image the image the target runs
   * @param local the registry digests of the image it runs
   */
  CheckResult check(Target target, ImageReference image, List<Digest> local, WantedImage wanted) {
    @Nullable Digest current = local.isEmpty() ? null : local.get(0);
    if (wanted instanceof WantedImage.Tag tag) {
      return tag(target, image, local, current, tag);
    }
    return earlier(target, image, local, current, (WantedImage.Earlier) wanted);
  }

  private CheckResult tag(
      Target target, ImageReference image, List<Digest> local, @Nullable Digest current, WantedImage.Tag wanted) {
    ImageReference asked = image.withoutDigest().withTag(wanted.tag());
    ManifestDescriptor remote;
    Optional<Digest> running;
    try {
      remote = newest.current(asked);
      running = local.isEmpty() ? Optional.empty() : newest.matching(asked, remote, local, platform);
    } catch (RegistryException e) {
      return CheckResult.error(target, image, current, EXACT, missingTag(asked, e));
    }
    if (running.isPresent()) {
      return new CheckResult(
          target, image, running.get(), EXACT, CheckStatus.UP_TO_DATE, null,
          "runs " + asked.familiarForm() + " (" + remote.digest().shortForm() + ") already");
    }
    String note = wanted.describe() + " as asked";
    Optional<String> downgrade = downgrade(image.tagOrDefault(), wanted.tag());
    if (downgrade.isPresent()) {
      if (!wanted.allowDowngrade()) {
        return CheckResult.error(
            target, image, current, EXACT,
            downgrade.get() + ": refused; allow it with --allow-downgrade (API: \"allowDowngrade\": true)");
      }
      note += " (" + downgrade.get() + ", allowed)";
    }
    UpdateKind kind = wanted.tag().equals(image.tagOrDefault()) ? UpdateKind.DIGEST : UpdateKind.TAG;
    return new CheckResult(
        target, image, current, EXACT, CheckStatus.UPDATE_AVAILABLE,
        new AvailableUpdate(kind, asked, remote.digest()), note + "; " + SET_ASIDE);
  }

  /**
   * A manifest HEAD that finds nothing cannot say whether the tag or the repository is missing (no
   * body): the tag list, asked only then, tells them apart, so the line names the right one.
   */
  private String missingTag(ImageReference asked, RegistryException e) {
    if (e.reason() != RegistryException.Reason.NOT_FOUND) {
      return String.valueOf(e.getMessage());
    }
    try {
      newest.tags(asked);
      return "tag '" + asked.tag() + "' does not exist in " + asked.name();
    } catch (RegistryException repository) {
      return String.valueOf(repository.getMessage());
    }
  }

  /** Why moving from {@code running} to {@code asked} goes back, when both read as versions. */
  static Optional<String> downgrade(String running, String asked) {
    Optional<VersionTag> from = VersionTag.parse(running);
    Optional<VersionTag> to = VersionTag.parse(asked);
    if (from.isPresent() && to.isPresent() && to.get().compareTo(from.get()) < 0) {
      return Optional.of(asked + " is older than the " + running + " it runs (a downgrade)");
    }
    return Optional.empty();
  }

  private static CheckResult earlier(
      Target target, ImageReference image, List<Digest> local, @Nullable Digest current, WantedImage.Earlier wanted) {
    ImageReference back = wanted.image();
    if (!back.name().equals(image.name())) {
      return CheckResult.error(
          target, image, current, ROLLBACK,
          "history #" + wanted.historyId() + " ran " + back.name() + ", not " + image.name()
              + "; a rollback stays in the repository the target runs");
    }
    if (local.contains(wanted.digest())) {
      return new CheckResult(
          target, image, wanted.digest(), ROLLBACK, CheckStatus.UP_TO_DATE, null,
          "runs the image of history #" + wanted.historyId() + " already");
    }
    UpdateKind kind = back.tagOrDefault().equals(image.tagOrDefault()) ? UpdateKind.DIGEST : UpdateKind.TAG;
    return new CheckResult(
        target, image, current, ROLLBACK, CheckStatus.UPDATE_AVAILABLE,
        new AvailableUpdate(kind, back.withoutDigest(), wanted.digest()),
        wanted.describe() + "; " + SET_ASIDE);
  }
}
