package dev.refit.check;

import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.image.Platform;
import dev.refit.registry.ImageIndex;
import dev.refit.registry.ManifestDescriptor;
import dev.refit.registry.ManifestMediaTypes;
import dev.refit.registry.RegistryException;
import dev.refit.registry.TagList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A registry scripted by a test: tag lists per repository, what each tag points at (one manifest,
 * or a multi-platform index), repositories that fail. It writes down every question it is asked,
 * so a test can count them. A question nobody scripted is answered like a registry would: 404.
 */
final class ScriptedRegistry implements RegistryQuestions {
  private final Map<String, List<String>> tags = new HashMap<>();
  private final Map<String, ManifestDescriptor> heads = new HashMap<>();
  private final Map<Digest, Map<Platform, Digest>> indexes = new HashMap<>();
  private final Map<String, RuntimeException> failures = new HashMap<>();
  private final Map<String, Consumer<String>> onQuestion = new HashMap<>();
  private final List<String> asked = Collections.synchronizedList(new ArrayList<>());

  /** The tags of a repository, e.g. {@code docker.io/library/nginx}. */
  ScriptedRegistry tags(String repository, String... list) {
    tags.put(repository, List.of(list));
    return this;
  }

  /** The tag {@code reference} (e.g. {@code docker.io/library/nginx:1.25}) points at one manifest. */
  ScriptedRegistry manifest(String reference, Digest digest) {
    heads.put(reference, new ManifestDescriptor(digest, ManifestMediaTypes.OCI_MANIFEST, 1234));
    return this;
  }

  /** The tag points at a multi-platform index with one manifest per platform. */
  ScriptedRegistry index(String reference, Digest digest, Map<Platform, Digest> platforms) {
    heads.put(reference, new ManifestDescriptor(digest, ManifestMediaTypes.OCI_INDEX, 567));
    indexes.put(digest, new LinkedHashMap<>(platforms));
    return this;
  }

  /** Every question about the repository fails with {@code failure}. */
  ScriptedRegistry failing(String repository, RuntimeException failure) {
    failures.put(repository, failure);
    return this;
  }

  /** Runs {@code hook} with each question about images on {@code host}, before it is answered. */
  ScriptedRegistry whenAsked(String host, Consumer<String> hook) {
    onQuestion.put(host, hook);
    return this;
  }

  /** Every question, in the order asked: {@code tags <repository>}, {@code head <reference>}, ... */
  List<String> asked() {
    synchronized (asked) {
      return List.copyOf(asked);
    }
  }

  @Override
  public TagList tags(ImageReference repository) {
    ask(repository, "tags " + repository.name());
    List<String> list = tags.get(repository.name());
    if (list == null) {
      throw notFound(repository);
    }
    return new TagList(list, 1);
  }

  @Override
  public ManifestDescriptor head(ImageReference image) {
    ask(image, "head " + image);
    ManifestDescriptor head = heads.get(image.toString());
    if (head == null) {
      throw notFound(image);
    }
    return head;
  }

  @Override
  public Optional<Digest> platformDigest(ImageReference index, Platform platform) {
    ask(index, "platform " + index + " " + platform);
    Map<Platform, Digest> platforms = indexes.get(index.digest());
    if (platforms == null) {
      throw notFound(index);
    }
    return Optional.ofNullable(platforms.get(platform));
  }

  @Override
  public ImageIndex index(ImageReference index) {
    ask(index, "index " + index);
    Map<Platform, Digest> platforms = indexes.get(index.digest());
    if (platforms == null) {
      throw notFound(index);
    }
    List<ImageIndex.Entry> entries = new ArrayList<>();
    platforms.forEach(
        (platform, digest) ->
            entries.add(new ImageIndex.Entry(digest, ManifestMediaTypes.OCI_MANIFEST, platform)));
    return new ImageIndex(entries);
  }

  @Override
  public String host(ImageReference image) {
    return image.apiHost();
  }

  private void ask(ImageReference image, String question) {
    asked.add(question);
    Consumer<String> hook = onQuestion.get(image.apiHost());
    if (hook != null) {
      hook.accept(question);
    }
    RuntimeException failure = failures.get(image.name());
    if (failure != null) {
      throw failure;
    }
  }

  private static RegistryException notFound(ImageReference image) {
    return new RegistryException(
        RegistryException.Reason.NOT_FOUND,
        image.registry(),
        image.repository(),
        "registry " + image.registry() + " has no " + image.familiarForm());
  }
}
