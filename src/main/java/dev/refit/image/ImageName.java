package dev.refit.image;

import java.util.Locale;

/**
 * A repository without tag or digest: what a webhook names, and which running images a targeted
 * check looks at. The payload's tag is never trusted; the registry is asked again.
 *
 * @param registry e.g. {@code docker.io}, {@code ghcr.io}, {@code 127.0.0.1:5000}
 * @param repository e.g. {@code library/nginx}
 */
public record ImageName(String registry, String repository) {
  public ImageName {
    registry = registry.toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code [registry/]repository[:tag][@digest]} as Docker would and drops tag and digest.
   *
   * @throws InvalidReferenceException when the text is not an image reference
   */
  public static ImageName parse(String reference) {
    String text = reference.trim();
    if (text.startsWith("https://") || text.startsWith("http://")) {
      text = text.substring(text.indexOf("://") + 3);
    }
    ImageReference ref = ImageReference.parse(text);
    return new ImageName(ref.registry(), ref.repository());
  }

  /** Whether a target running {@code image} runs this repository. */
  public boolean matches(ImageReference image) {
    return image.repository().equals(repository) && sameRegistry(image.registry(), registry);
  }

  /** {@code localhost} and {@code 127.0.0.1} are one host: registries report either. */
  private static boolean sameRegistry(String a, String b) {
    return canonical(a).equals(canonical(b));
  }

  private static String canonical(String registry) {
    String r = registry.toLowerCase(Locale.ROOT);
    return r.startsWith("localhost:") || r.equals("localhost") ? r.replaceFirst("^localhost", "127.0.0.1") : r;
  }

  @Override
  public String toString() {
    return registry + "/" + repository;
  }
}
