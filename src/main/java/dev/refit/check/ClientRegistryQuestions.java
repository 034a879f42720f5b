package dev.refit.check;

import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.image.Platform;
import dev.refit.registry.ImageIndex;
import dev.refit.registry.ManifestDescriptor;
import dev.refit.registry.RegistryClient;
import dev.refit.registry.RegistryException;
import dev.refit.registry.TagList;
import java.io.IOException;
import java.util.Optional;

/** The check's registry questions, asked over HTTP by a {@link RegistryClient}. */
public final class ClientRegistryQuestions implements RegistryQuestions {
  private final RegistryClient registry;

  public ClientRegistryQuestions(RegistryClient registry) {
    this.registry = registry;
  }

  @Override
  public TagList tags(ImageReference repository) {
    return registry.listTags(repository);
  }

  @Override
  public ManifestDescriptor head(ImageReference image) {
    return registry.headManifest(image);
  }

  @Override
  public Optional<Digest> platformDigest(ImageReference index, Platform platform) {
    return registry.platformDigest(index, platform);
  }

  @Override
  public ImageIndex index(ImageReference index) {
    try {
      return ImageIndex.parse(registry.getManifest(index).content());
    } catch (IOException e) {
      throw new RegistryException(
          RegistryException.Reason.MALFORMED,
          index.registry(),
          index.repository(),
          "registry " + index.registry() + " sent an image index that cannot be read");
    }
  }

  /** The client sends every question about an image to its API host. */
  @Override
  public String host(ImageReference image) {
    return image.apiHost();
  }
}
