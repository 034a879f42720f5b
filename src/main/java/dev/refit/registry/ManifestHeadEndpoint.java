package dev.refit.registry;

import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.image.InvalidReferenceException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * {@code HEAD /v2/<name>/manifests/<reference>}: the digest from {@code Docker-Content-Digest}
 * without the manifest (HEAD does not count against Docker Hub's pull limit).
 */
final class ManifestHeadEndpoint implements RegistryEndpoint<Optional<ManifestDescriptor>> {
  private final ImageReference image;
  private final URI uri;

  ManifestHeadEndpoint(ImageReference image, URI base) {
    this.image = image;
    this.uri = ManifestGetEndpoint.manifestUri(image, base);
  }

  @Override
  public String method() {
    return "HEAD";
  }

  @Override
  public URI uri() {
    return uri;
  }

  @Override
  public Map<String, String> headers() {
    return Map.of("Accept", ManifestMediaTypes.ACCEPT);
  }

  /** HEAD answers have no body; an error answer's body is not read either. */
  @Override
  public long maxBytes() {
    return 0;
  }

  @Override
  public String what() {
    return "the manifest of " + image.familiarForm();
  }

  /**
   * @return empty when the registry cannot say by HEAD (no usable digest header, 405, 501): the
   *     manifest must be fetched and hashed
   */
  @Override
  public Optional<ManifestDescriptor> handle(RegistryAnswer answer) {
    int status = answer.status();
    if (status == 405 || status == 501) {
      return Optional.empty();
    }
    if (status != 200) {
      throw RegistryErrors.forManifest(image, answer);
    }
    return headerDigest(answer)
        .map(
            digest ->
                new ManifestDescriptor(
                    digest,
                    answer.header("content-type").orElse(""),
                    answer.headers().firstAsLong("content-length").orElse(-1)));
  }

  private static Optional<Digest> headerDigest(RegistryAnswer answer) {
    return answer
        .header("docker-content-digest")
        .flatMap(
            value -> {
              try {
                return Optional.of(Digest.parse(value.trim()));
              } catch (InvalidReferenceException e) {
                return Optional.empty();
              }
            });
  }
}
