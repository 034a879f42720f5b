package dev.refit.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.image.Digest;
import dev.refit.image.Platform;
import dev.refit.json.JsonTrees;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A multi-platform index (OCI image index or Docker manifest list): one manifest per platform. */
public record ImageIndex(List<Entry> manifests) {
  /**
   * @param digest the platform manifest's digest
   * @param platform where it runs; attestation manifests have {@code unknown/unknown}
   */
  public record Entry(Digest digest, String mediaType, Platform platform) {}

  public ImageIndex {
    manifests = List.copyOf(manifests);
  }

  /**
   * @throws IOException when the bytes are not an index
   */
  public static ImageIndex parse(byte[] content) throws IOException {
    JsonNode root = JsonTrees.read(content);
    if (!root.path("manifests").isArray()) {
      throw new IOException("not an image index: no manifests array");
    }
    List<Entry> entries = new ArrayList<>();
    for (JsonNode m : root.path("manifests")) {
      JsonNode p = m.path("platform");
      try {
        entries.add(
            new Entry(
                Digest.parse(m.path("digest").asText("")),
                m.path("mediaType").asText(""),
                new Platform(
                    p.path("os").asText(""),
                    p.path("architecture").asText(""),
                    p.path("variant").asText(""))));
      } catch (IllegalArgumentException e) {
        throw new IOException("an index entry has no valid digest", e);
      }
    }
    return new ImageIndex(entries);
  }

  /** The manifest for {@code platform}, preferring an exact variant over an unspecified one. */
  public Optional<Digest> digestFor(Platform platform) {
    Optional<Entry> exact =
        manifests.stream().filter(e -> e.platform().equals(platform)).findFirst();
    if (exact.isPresent()) {
      return exact.map(Entry::digest);
    }
    return manifests.stream()
        .filter(e -> platform.matches(e.platform()))
        .map(Entry::digest)
        .findFirst();
  }
}
