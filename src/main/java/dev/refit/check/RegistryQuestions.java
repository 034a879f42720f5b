package dev.refit.check;

import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.image.Platform;
import dev.refit.registry.ImageIndex;
import dev.refit.registry.ManifestDescriptor;
import dev.refit.registry.TagList;
import java.util.Optional;

/**
 * Exactly the questions a check asks a registry, and nothing else: the seam between deciding
 * (which image is newer, does the running digest still match) and asking over HTTP. Production
 * uses {@link ClientRegistryQuestions}; unit tests a small scripted fake.
 *
 * <p>Every question may throw {@link dev.refit.registry.RegistryException} when the registry
 * cannot answer (404, auth, rate limit, malformed answer); the checker turns that into an error
 * row for the images that needed the answer.
 */
public interface RegistryQuestions {

  /** Every tag of the image's repository (signature and attestation tags left out). */
  TagList tags(ImageReference repository);

  /** What the image's tag (or digest) points at now. */
  ManifestDescriptor head(ImageReference image);

  /**
   * The manifest {@code platform} would pull from the manifest {@code index} names: its index
   * entry when it is multi-platform, else the manifest itself.
   *
   * @return empty when the index has no manifest for the platform
   */
  Optional<Digest> platformDigest(ImageReference index, Platform platform);

  /** The entries of a multi-platform index, which {@code index} names by digest. */
  ImageIndex index(ImageReference index);

  /**
   * The host questions about {@code image} go to: checks run in one lane per host, so a registry
   * that hangs holds up its own images only.
   */
  String host(ImageReference image);
}
