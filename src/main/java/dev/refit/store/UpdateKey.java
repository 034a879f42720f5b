package dev.refit.store;

/**
 * Which update of which target: the key of approvals and sightings.
 *
 * @param toImage the reference the target would move to
 * @param toDigest its digest, or empty when only the tag is known
 */
public record UpdateKey(
    String targetKind, String targetName, String location, String toImage, String toDigest) {
  public UpdateKey {
    toDigest = toDigest == null ? "" : toDigest;
  }
}
