package dev.refit.version;

import java.util.Collection;
import java.util.Optional;

/**
 * Follows the current tag only: an update is the same tag pointing at a new digest. The choice for
 * tags like {@code latest}, {@code stable} or {@code main} that say nothing about their version.
 */
public record DigestPolicy() implements VersionPolicy {
  static final String NAME = "digest";

  @Override
  public boolean listsTags() {
    return false;
  }

  @Override
  public boolean checksDigest(String currentTag) {
    return true;
  }

  /** Always empty: this policy never moves to another tag. */
  @Override
  public Optional<String> newestTag(
      String currentTag, Collection<String> availableTags, TagFilter filter) {
    return Optional.empty();
  }

  @Override
  public String toString() {
    return NAME;
  }
}
