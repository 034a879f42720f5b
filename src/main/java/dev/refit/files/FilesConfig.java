package dev.refit.files;

import dev.refit.image.ImageReference;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A {@code refit-files.yaml}: the default policy and per-image rules for the files in its directory
 * and below, until a deeper {@code refit-files.yaml} takes over.
 *
 * @param file where it was read from
 * @param policy the default version policy, or {@code null} to keep Refit's
 * @param rules per-image rules, the first that matches wins
 */
public record FilesConfig(Path file, String policy, List<ImageRule> rules) {
  public static final String FILE_NAME = "refit-files.yaml";

  public FilesConfig {
    rules = List.copyOf(rules);
  }

  public Optional<ImageRule> ruleFor(ImageReference image) {
    return rules.stream().filter(r -> r.matches(image)).findFirst();
  }
}
