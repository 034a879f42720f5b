package dev.refit.registry;

import dev.refit.image.ImageReference;
import java.util.Locale;

/** The spellings of one registry that Docker's config files and users mix freely. */
final class RegistryNames {
  static final String DOCKER_HUB_CONFIG_KEY = "https://index.docker.io/v1/";

  private RegistryNames() {}

  /**
   * Reduces {@code https://index.docker.io/v1/}, {@code registry-1.docker.io} and {@code docker.io}
   * to {@code docker.io}, and {@code https://ghcr.io/v2/} to {@code ghcr.io}, as the Docker CLI does.
   */
  static String canonical(String nameOrUrl) {
    String host = nameOrUrl.trim().toLowerCase(Locale.ROOT);
    if (host.startsWith("https://")) {
      host = host.substring(8);
    } else if (host.startsWith("http://")) {
      host = host.substring(7);
    }
    int slash = host.indexOf('/');
    if (slash >= 0) {
      host = host.substring(0, slash);
    }
    return switch (host) {
      case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" ->
          ImageReference.DOCKER_HUB;
      default -> host;
    };
  }

  /** The server URL credential helpers expect for a registry. */
  static String helperServerUrl(String registry) {
    return canonical(registry).equals(ImageReference.DOCKER_HUB) ? DOCKER_HUB_CONFIG_KEY : registry;
  }
}
