package dev.refit.version;

import java.util.Collection;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The tags of a registry that may be offered as updates at all, before any policy looks at them. */
final class Candidates {
  // Cosign signatures/attestations/SBOMs ("sha256-<hex>.sig") and OCI referrers fallback tags
  // ("sha256-<hex>") point at other manifests; they are never an image version.
  private static final Pattern SUPPLY_CHAIN_ARTIFACT =
      Pattern.compile("sha(?:256|384|512)-[0-9a-fA-F]+(?:\\.[A-Za-z0-9]+)*");

  // Docker and OCI allow 128 characters; a registry that sends longer tags is not sent on to
  // user regexes or the version parser.
  static final int MAX_TAG_LENGTH = 128;

  private Candidates() {}

  /** The distinct tags that are not supply-chain artifacts and that the filter accepts. */
  static Stream<String> of(Collection<String> availableTags, TagFilter filter) {
    Objects.requireNonNull(filter, "filter");
    return availableTags.stream()
        .filter(Objects::nonNull)
        .filter(tag -> tag.length() <= MAX_TAG_LENGTH)
        .distinct()
        .filter(tag -> !isSupplyChainArtifact(tag))
        .filter(filter::accepts);
  }

  static boolean isSupplyChainArtifact(String tag) {
    return SUPPLY_CHAIN_ARTIFACT.matcher(tag).matches();
  }
}
