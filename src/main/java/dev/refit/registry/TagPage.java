package dev.refit.registry;

import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a repository's tag list.
 *
 * @param tags the tags on it, signature and attestation tags left out
 * @param next the next page (same origin), or {@code null} on the last one
 * @param bytes the size of the page's body, counted against the tag list's cap
 */
record TagPage(List<String> tags, @Nullable URI next, long bytes) {
  TagPage {
    tags = List.copyOf(tags);
  }
}
