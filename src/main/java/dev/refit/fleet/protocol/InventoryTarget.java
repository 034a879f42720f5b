package dev.refit.fleet.protocol;

import org.jspecify.annotations.Nullable;

/**
 * One thing the agent watches, as its last check saw it. Policy and mode travel as the agent's own
 * words (e.g. {@code semver-minor}, {@code auto}): the server shows them and never branches on
 * them, so a new policy on the agent needs no protocol change.
 *
 * @param availableTag the newer tag the check found, or null when up to date
 */
public record InventoryTarget(
    TargetKind kind,
    String name,
    String image,
    String currentTag,
    String currentDigest,
    @Nullable String availableTag,
    String policy,
    String mode) {
  public InventoryTarget {
    Fields.required(kind, "kind");
    Fields.text(name, "name");
    Fields.text(image, "image");
    Fields.text(currentTag, "currentTag");
    Fields.text(currentDigest, "currentDigest");
    Fields.text(policy, "policy");
    Fields.text(mode, "mode");
  }
}
