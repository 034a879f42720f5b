package dev.refit.registry;

import java.util.List;

/**
 * The tags of a repository.
 *
 * @param tags every tag the registry listed, signature and attestation tags left out
 * @param pages pages read
 */
public record TagList(List<String> tags, int pages) {
  public TagList {
    tags = List.copyOf(tags);
  }
}
