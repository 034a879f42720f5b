package dev.refit.registry;

import dev.refit.image.Digest;

/**
 * What a registry says a tag or digest points at.
 *
 * @param digest the manifest's digest, as {@code docker pull} records it in {@code RepoDigests}
 * @param mediaType the manifest's media type; an index for multi-platform images
 * @param size the manifest's size in bytes, or -1 when the registry did not say
 */
public record ManifestDescriptor(Digest digest, String mediaType, long size) {
  public boolean isIndex() {
    return ManifestMediaTypes.isIndex(mediaType);
  }
}
