package dev.refit.check;

import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import org.jspecify.annotations.Nullable;

/**
 * A newer image for a target.
 *
 * @param kind a new digest of the same tag, or a newer tag
 * @param image the reference to move to: the new tag, or the same tag
 * @param digest the new digest when known (always for {@link UpdateKind#DIGEST}), else {@code null}
 */
public record AvailableUpdate(UpdateKind kind, ImageReference image, @Nullable Digest digest) {}
