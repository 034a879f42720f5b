package dev.refit.check;

import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.image.Platform;
import dev.refit.registry.ImageIndex;
import dev.refit.registry.ManifestDescriptor;
import dev.refit.version.TagFilter;
import dev.refit.version.VersionPolicy;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The two questions every kind of target asks about its image: is there a newer tag by its policy,
 * and does its tag still point at a digest it knows? Containers know the digests they were pulled
 * by, files the digest they pin. Answers come from one cycle's {@link RegistryAnswers}, so
 * containers and files that share an image share the registry's answers too.
 */
public final class NewestImage {
  private final RegistryAnswers answers;

  public NewestImage(RegistryAnswers answers) {
    this.answers = answers;
  }

  /**
   * The best tag newer than the image's, by the policy and filter.
   *
   * @return empty when the policy does not list tags or no tag is newer
   * @throws dev.refit.registry.RegistryException when the tags cannot be listed
   */
  public Optional<String> newerTag(ImageReference image, VersionPolicy policy, TagFilter filter) {
    if (!policy.listsTags()) {
      return Optional.empty();
    }
    return policy.newestTag(image.tagOrDefault(), answers.tags(image).tags(), filter);
  }

  /**
   * Every tag of the image's repository.
   *
   * @throws dev.refit.registry.RegistryException when the tags cannot be listed (404 names a
   *     missing repository)
   */
  public java.util.List<String> tags(ImageReference image) {
    return answers.tags(image).tags();
  }

  /**
   * What the image's tag points at now, whatever digest the reference pins.
   *
   * @throws dev.refit.registry.RegistryException when the registry cannot say (404, auth, ...)
   */
  public ManifestDescriptor current(ImageReference image) {
    return answers.head(image.withoutDigest());
  }

  /**
   * Which of the {@code known} digests the tag still points at: the manifest {@code remote} itself
   * or, when it is a multi-platform index, its manifest for {@code platform}.
   *
   * @param remote what {@link #current} answered for {@code image}
   * @param platform asked only when {@code remote} is an index none of {@code known} is
   * @return the digest that matched, empty when every known digest is outdated
   */
  public Optional<Digest> matching(
      ImageReference image, ManifestDescriptor remote, Collection<Digest> known, Supplier<Platform> platform) {
    return matching(remote, known, index -> answers.platformDigest(image.withoutDigest().withDigest(index), platform.get()));
  }

  /**
   * As {@link #matching(ImageReference, ManifestDescriptor, Collection, Supplier)}, with any of the
   * index's manifests: a file pins one without saying for which platform.
   */
  public Optional<Digest> matchingAnyPlatform(
      ImageReference image, ManifestDescriptor remote, Collection<Digest> known) {
    return matching(
        remote,
        known,
        index -> answers.index(image.withoutDigest().withDigest(index)).manifests().stream()
            .map(ImageIndex.Entry::digest)
            .filter(known::contains)
            .findFirst());
  }

  private static Optional<Digest> matching(
      ManifestDescriptor remote, Collection<Digest> known, Function<Digest, Optional<Digest>> inIndex) {
    if (known.contains(remote.digest())) {
      return Optional.of(remote.digest());
    }
    if (!remote.isIndex()) {
      return Optional.empty();
    }
    return inIndex.apply(remote.digest()).filter(known::contains);
  }
}
