package dev.refit.files;

import dev.refit.check.CheckProgress;
import dev.refit.check.InParallel;
import dev.refit.check.NewestImage;
import dev.refit.check.RegistryAnswers;
import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.registry.ManifestDescriptor;
import dev.refit.registry.RegistryClient;
import dev.refit.registry.RegistryException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Asks the registry about pinned images, each question once and several at a time, with the same
 * policies and the same registry answers {@code refit check} uses.
 *
 * <p>What counts as current in a file: a newer tag by the policy is an update; a pinned digest
 * ({@code repo:tag@sha256:...}) must still be what its tag points at (in any platform of an index),
 * else the new digest is an update, whatever the policy, because that is what the pin claims. A
 * tag without a digest under the digest policy ({@code latest}) cannot be updated by editing the
 * file: whoever pulls it gets the newest; it is current as long as the tag exists.
 */
public final class FileImageChecker implements ImageChecker {
  private final RegistryClient registry;
  private final int parallelism;

  public FileImageChecker(RegistryClient registry, int parallelism) {
    this.registry = registry;
    this.parallelism = parallelism;
  }

  @Override
  public Map<ImageQuestion, ImageAnswer> check(
      Collection<ImageQuestion> questions, CheckProgress progress) {
    RegistryAnswers answers = new RegistryAnswers(registry);
    NewestImage newest = new NewestImage(answers);
    // a lane per registry host: one that hangs holds up only its own images
    return InParallel.answer(
        questions,
        parallelism,
        question -> question.image().apiHost(),
        question -> answer(question, answers, newest),
        ImageAnswer.Failed::new,
        progress);
  }

  @Override
  public Set<ImageReference> existing(Collection<ImageReference> images, CheckProgress progress) {
    RegistryAnswers answers = new RegistryAnswers(registry);
    Map<ImageReference, Boolean> found =
        InParallel.answer(
            images,
            parallelism,
            ImageReference::apiHost,
            image -> {
              try {
                return answers.tags(image).tags().contains(image.tag());
              } catch (RegistryException e) {
                return false;
              }
            },
            bug -> false,
            progress);
    Set<ImageReference> existing = new LinkedHashSet<>();
    found.forEach((image, exists) -> {
      if (exists) {
        existing.add(image);
      }
    });
    return existing;
  }

  private static ImageAnswer answer(
      ImageQuestion question, RegistryAnswers answers, NewestImage newest) {
    ImageReference image = question.image();
    try {
      Optional<String> newer = newest.newerTag(image, question.policy(), question.filter());
      if (newer.isPresent()) {
        Digest digest =
            image.hasDigest() ? answers.head(image.withoutDigest().withTag(newer.get())).digest() : null;
        return new ImageAnswer.Update(newer.get(), digest);
      }
      if (image.hasDigest()) {
        ManifestDescriptor remote = newest.current(image);
        return newest.matchingAnyPlatform(image, remote, List.of(image.digest())).isPresent()
            ? new ImageAnswer.UpToDate()
            : new ImageAnswer.Update(null, remote.digest());
      }
      // An up-to-date verdict must mean the pinned version exists, not that nothing newer does.
      if (!question.policy().listsTags() || !answers.tags(image).tags().contains(image.tag())) {
        newest.current(image);
      }
      return new ImageAnswer.UpToDate();
    } catch (RegistryException e) {
      return new ImageAnswer.Failed(e.getMessage());
    }
  }
}
