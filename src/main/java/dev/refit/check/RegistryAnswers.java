package dev.refit.check;

import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.image.Platform;
import dev.refit.registry.ImageIndex;
import dev.refit.registry.ManifestDescriptor;
import dev.refit.registry.RegistryClient;
import dev.refit.registry.TagList;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The registry's answers for one check cycle: each question (tag list of a repository, digest of a
 * tag, platform manifest of an index) is asked once, however many targets need it, even when
 * several threads need it at the same time. Shared by every kind of target (containers, files), so
 * that one cycle never asks the same thing twice.
 */
public final class RegistryAnswers {
  private final RegistryQuestions registry;
  private final Map<String, CompletableFuture<TagList>> tagLists = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<ManifestDescriptor>> heads =
      new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Optional<Digest>>> platformDigests =
      new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<ImageIndex>> indexes = new ConcurrentHashMap<>();

  public RegistryAnswers(RegistryQuestions registry) {
    this.registry = registry;
  }

  /** Answers asked over HTTP by {@code registry}. */
  public RegistryAnswers(RegistryClient registry) {
    this(new ClientRegistryQuestions(registry));
  }

  /** Every tag of the image's repository. */
  public TagList tags(ImageReference image) {
    return once(tagLists, image.name(), () -> registry.tags(image));
  }

  /** What the image's tag (or digest) points at now. */
  public ManifestDescriptor head(ImageReference image) {
    return once(heads, image.toString(), () -> registry.head(image));
  }

  /** The manifest {@code platform} would pull from {@code index}; see {@link RegistryQuestions#platformDigest}. */
  public Optional<Digest> platformDigest(ImageReference index, Platform platform) {
    return once(
        platformDigests,
        index + "|" + platform,
        () -> registry.platformDigest(index, platform));
  }

  /** The entries of a multi-platform index, which {@code index} must name by digest. */
  public ImageIndex index(ImageReference index) {
    return once(indexes, index.toString(), () -> registry.index(index));
  }

  /** The first caller asks; everyone else waits for that answer or that failure. */
  private static <T> T once(
      Map<String, CompletableFuture<T>> answers, String question, Supplier<T> ask) {
    CompletableFuture<T> mine = new CompletableFuture<>();
    CompletableFuture<T> existing = answers.putIfAbsent(question, mine);
    if (existing != null) {
      try {
        return existing.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException cause) {
          throw cause;
        }
        throw e;
      }
    }
    try {
      T answer = ask.get();
      mine.complete(answer);
      return answer;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    }
  }
}
