package dev.refit.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refit.image.ImageReference;
import dev.refit.registry.Credential;
import dev.refit.registry.CredentialStore;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Registry credentials as the Engine API takes them: the {@code X-Registry-Auth} header, base64url
 * of a JSON auth config, as the Docker CLI sends it. Swarm stores it with the service so that every
 * node can pull the image. Neither {@link #toString} nor any message ever shows the value.
 */
public final class RegistryAuth {
  public static final String HEADER = "X-Registry-Auth";
  private static final String DOCKER_HUB_SERVER = "https://index.docker.io/v1/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String registry;
  private final String source;
  private final String encoded;

  private RegistryAuth(String registry, String source, String encoded) {
    this.registry = registry;
    this.source = source;
    this.encoded = encoded;
  }

  /** The credential for the image's registry, if the store knows one. */
  public static Optional<RegistryAuth> forImage(ImageReference image, CredentialStore store) {
    return store.find(image.registry()).map(c -> of(image.registry(), c));
  }

  /** Encodes a credential for {@code registry} ({@code docker.io}, {@code ghcr.io}, ...). */
  public static RegistryAuth of(String registry, Credential credential) {
    ObjectNode config = JSON.createObjectNode();
    if (credential.isIdentityToken()) {
      config.put("identitytoken", credential.secret());
    } else {
      config.put("username", credential.username());
      config.put("password", credential.secret());
    }
    config.put(
        "serveraddress",
        registry.equals(ImageReference.DOCKER_HUB) ? DOCKER_HUB_SERVER : registry);
    String encoded =
        Base64.getUrlEncoder()
            .encodeToString(config.toString().getBytes(StandardCharsets.UTF_8));
    return new RegistryAuth(registry, credential.source(), encoded);
  }

  /** The header to send with a request that makes the engine pull. */
  public Map<String, String> header() {
    return Map.of(HEADER, encoded);
  }

  /** Headers for an optional credential: none when there is none. */
  public static Map<String, String> headers(Optional<RegistryAuth> auth) {
    return auth.map(RegistryAuth::header).orElse(Map.of());
  }

  /** The registry the credential is for. */
  public String registry() {
    return registry;
  }

  @Override
  public String toString() {
    return "RegistryAuth[" + registry + " from " + source + ", ***]";
  }
}
