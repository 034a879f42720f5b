package dev.refit.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.json.JsonTrees;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * {@code GET /v2/<name>/manifests/<reference>}: the manifest's bytes, whose digest is computed here
 * and checked against the one asked for.
 */
final class ManifestGetEndpoint implements RegistryEndpoint<Manifest> {

  private final ImageReference image;
  private final URI uri;
  private final long maxBytes;

  ManifestGetEndpoint(ImageReference image, URI base, long maxBytes) {
    this.image = image;
    this.uri = manifestUri(image, base);
    this.maxBytes = maxBytes;
  }

  static URI manifestUri(ImageReference image, URI base) {
    return base.resolve("/v2/" + image.repository() + "/manifests/" + image.manifestReference());
  }

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public URI uri() {
    return uri;
  }

  @Override
  public Map<String, String> headers() {
    return Map.of("Accept", ManifestMediaTypes.ACCEPT);
  }

  @Override
  public long maxBytes() {
    return maxBytes;
  }

  @Override
  public String what() {
    return "the manifest of " + image.familiarForm();
  }

  @Override
  public Manifest handle(RegistryAnswer answer) {
    if (answer.status() != 200) {
      throw RegistryErrors.forManifest(image, answer);
    }
    byte[] content = answer.body();
    String mediaType = ManifestMediaTypes.base(answer.header("content-type").orElse(""));
    String declaredType;
    try {
      JsonNode root = JsonTrees.read(content);
      if (!root.isObject()) {
        throw new IOException("not a JSON object");
      }
      if (root.path("schemaVersion").asInt(0) != 2) {
        throw RegistryErrors.malformed(
            image,
            "answered a schema "
                + root.path("schemaVersion").asText("?")
                + " manifest; Refit understands schema 2 and OCI manifests only");
      }
      declaredType = root.path("mediaType").asText("");
    } catch (IOException e) {
      throw RegistryErrors.malformed(image, "answered a manifest that is not JSON");
    }
    if (!ManifestMediaTypes.isKnown(mediaType)) {
      // OCI manifests may omit mediaType in the body but registries send it as Content-Type
      mediaType = declaredType;
    }
    if (!ManifestMediaTypes.isKnown(mediaType)) {
      throw RegistryErrors.malformed(
          image, "answered a manifest of unknown type '" + mediaType + "'");
    }
    Digest computed = Digest.sha256(content);
    if (image.digest() != null && !image.digest().equals(computed)) {
      throw RegistryErrors.malformed(
          image, "sent a manifest whose content does not match the digest asked for");
    }
    return new Manifest(new ManifestDescriptor(computed, mediaType, content.length), content);
  }
}
