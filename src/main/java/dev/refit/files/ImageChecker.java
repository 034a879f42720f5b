package dev.refit.files;

import dev.refit.check.CheckProgress;
import java.util.Collection;
import java.util.Map;

/** Answers image questions; {@link FileImageChecker} asks the registries. */
@FunctionalInterface
public interface ImageChecker {
  /** An answer for every question; failures are {@link ImageAnswer.Failed} answers, never thrown. */
  Map<ImageQuestion, ImageAnswer> check(Collection<ImageQuestion> questions, CheckProgress progress);
}
