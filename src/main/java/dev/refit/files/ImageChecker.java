package dev.refit.files;

import dev.refit.check.CheckProgress;
import dev.refit.image.ImageReference;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/** Answers image questions; {@link FileImageChecker} asks the registries. */
@FunctionalInterface
public interface ImageChecker {
  /** An answer for every question; failures are {@link ImageAnswer.Failed} answers, never thrown. */
  Map<ImageQuestion, ImageAnswer> check(Collection<ImageQuestion> questions, CheckProgress progress);

  /**
   * Which of {@code images} (each a repository and a tag) exist; asked when one {@code ARG}
   * pins several images and they disagree. A checker that cannot tell answers none, so nothing is
   * written that an image may lack.
   */
  default Set<ImageReference> existing(Collection<ImageReference> images, CheckProgress progress) {
    return Set.of();
  }
}
