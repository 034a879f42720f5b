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
import org.jspecify.annotations.Nullable;

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
   * or, when it is a multi-platform index, its manifest for {@code platform}, or any of its
   * manifests when {@code platform} is null (a file pins one without saying which platform).
   *
   * @param remote what {@link #current} answered for {@code image}
   * @return the digest that matched, empty when every known digest is outdated
   */
  public Optional<Digest> matching(
      ImageReference image, ManifestDescriptor remote, Collection<Digest> known, @Nullable Platform platform) {
    if (known.contains(remote.digest())) {
      return Optional.of(remote.digest());
    }
    if (!remote.isIndex()) {
      return Optional.empty();
    }
    ImageReference index = image.withoutDigest().withDigest(remote.digest());
    if (platform != null) {
      return answers.platformDigest(index, platform).filter(known::contains);
    }
    return answers.index(index).manifests().stream()
        .map(ImageIndex.Entry::digest)
        .filter(known::contains)
        .findFirst();
  }
}
