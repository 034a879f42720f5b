package dev.refit.image;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A normalised image reference: registry, repository, and a tag, a digest or both.
 *
 * <p>{@link #parse} follows Docker's reference grammar and Docker Hub's normalisation ({@code nginx}
 * is {@code docker.io/library/nginx:latest}); {@link #toString} prints the normalised form, and
 * parsing that form again gives an equal reference.
 *
 * @param registry the registry as users name it: {@code docker.io}, {@code ghcr.io},
 *     {@code 127.0.0.1:5000}
 * @param repository the path inside the registry, e.g. {@code library/nginx}
 * @param tag the tag, or {@code null} when the reference names only a digest
 * @param digest the pinned digest, or {@code null}
 */
public record ImageReference(
    String registry, String repository, @Nullable String tag, @Nullable Digest digest) {
  public static final String DOCKER_HUB = "docker.io";
  public static final String DOCKER_HUB_API_HOST = "registry-1.docker.io";
  public static final String DEFAULT_TAG = "latest";

  private static final int MAX_NAME_LENGTH = 255;
  private static final Pattern DOMAIN_COMPONENT =
      Pattern.compile("(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])");
  private static final Pattern DOMAIN =
      Pattern.compile(
          DOMAIN_COMPONENT.pattern()
              + "(?:\\."
              + DOMAIN_COMPONENT.pattern()
              + ")*(?::[0-9]+)?|\\[[0-9a-fA-F:.]+\\](?::[0-9]+)?");
  private static final Pattern PATH_COMPONENT =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

  public ImageReference {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    if (tag == null && digest == null) {
      throw new IllegalArgumentException("an image reference needs a tag, a digest or both");
    }
  }

  /**
   * Parses a reference as {@code docker pull} would accept it.
   *
   * @throws InvalidReferenceException naming the input and what is wrong with it
   */
  public static ImageReference parse(String input) {
    if (input == null || input.isBlank()) {
      throw new InvalidReferenceException(String.valueOf(input), "it is empty");
    }
    if (!input.equals(input.strip())) {
      throw new InvalidReferenceException(input, "it has leading or trailing whitespace");
    }
    String rest = input;
    Digest digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      String digestText = rest.substring(at + 1);
      try {
        digest = Digest.parse(digestText);
      } catch (InvalidReferenceException e) {
        throw new InvalidReferenceException(input, "the digest '" + digestText + "' is not valid");
      }
      rest = rest.substring(0, at);
    }
    String tag = null;
    int lastSlash = rest.lastIndexOf('/');
    int tagColon = rest.lastIndexOf(':');
    if (tagColon > lastSlash) {
      tag = rest.substring(tagColon + 1);
      rest = rest.substring(0, tagColon);
      if (!TAG.matcher(tag).matches()) {
        throw new InvalidReferenceException(
            input,
            "the tag '"
                + tag
                + "' is not valid (letters, digits, '_', '.', '-', at most 128, not starting with"
                + " '.' or '-')");
      }
    }
    if (rest.isEmpty()) {
      throw new InvalidReferenceException(input, "the repository name is missing");
    }

    String registry;
    String path;
    int firstSlash = rest.indexOf('/');
    String first = firstSlash < 0 ? rest : rest.substring(0, firstSlash);
    if (firstSlash >= 0 && looksLikeRegistry(first)) {
      registry = first;
      path = rest.substring(firstSlash + 1);
      if (!DOMAIN.matcher(registry).matches()) {
        throw new InvalidReferenceException(
            input, "the registry '" + registry + "' is not a valid host[:port]");
      }
    } else {
      registry = DOCKER_HUB;
      path = rest;
    }
    if (registry.equals("index.docker.io")) {
      registry = DOCKER_HUB;
    }
    if (path.isEmpty()) {
      throw new InvalidReferenceException(input, "the repository name is missing");
    }
    for (String component : path.split("/", -1)) {
      if (component.isEmpty()) {
        throw new InvalidReferenceException(input, "the repository path has an empty component");
      }
      if (!PATH_COMPONENT.matcher(component).matches()) {
        String reason =
            component.toLowerCase(Locale.ROOT).equals(component)
                ? "the repository path component '"
                    + component
                    + "' may hold only lowercase letters, digits and single separators (. _ __ -)"
                : "the repository name must be lowercase";
        throw new InvalidReferenceException(input, reason);
      }
    }
    if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
      path = "library/" + path;
    }
    if (registry.length() + 1 + path.length() > MAX_NAME_LENGTH) {
      throw new InvalidReferenceException(
          input, "the name is longer than " + MAX_NAME_LENGTH + " characters");
    }
    if (tag == null && digest == null) {
      tag = DEFAULT_TAG;
    }
    return new ImageReference(registry, path, tag, digest);
  }

  /** Docker's rule: the first component is a registry when it has a dot, a port or is localhost. */
  private static boolean looksLikeRegistry(String first) {
    return first.contains(".")
        || first.contains(":")
        || first.equals("localhost")
        || !first.toLowerCase(Locale.ROOT).equals(first);
  }

  /** The host (and port) to send Registry API requests to. */
  public String apiHost() {
    return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API_HOST : registry;
  }

  public boolean isDockerHub() {
    return registry.equals(DOCKER_HUB);
  }

  /** {@code registry/repository}, e.g. {@code docker.io/library/nginx}. */
  public String name() {
    return registry + "/" + repository;
  }

  /** The manifest reference to ask the registry for: the digest when pinned, else the tag. */
  public String manifestReference() {
    // parse() never leaves both empty: a reference without either gets the default tag
    return digest != null ? digest.toString() : java.util.Objects.requireNonNull(tag);
  }

  /** Whether {@code text} may be a tag ({@code [\w][\w.-]{0,127}}), as Docker accepts one. */
  public static boolean validTag(String text) {
    return TAG.matcher(text).matches();
  }

  public boolean hasTag() {
    return tag != null;
  }

  public boolean hasDigest() {
    return digest != null;
  }

  public ImageReference withTag(String newTag) {
    return new ImageReference(registry, repository, newTag, digest);
  }

  public ImageReference withDigest(Digest newDigest) {
    return new ImageReference(registry, repository, tag, newDigest);
  }

  /** The same image by tag only: what a registry's tag points at today. */
  public ImageReference withoutDigest() {
    return new ImageReference(registry, repository, tag == null ? DEFAULT_TAG : tag, null);
  }

  /** The tag, or {@code latest} when the reference names none: what Docker would ask for. */
  public String tagOrDefault() {
    return tag == null ? DEFAULT_TAG : tag;
  }

  /** The short form Docker prints: {@code nginx:1.25}, {@code ghcr.io/org/app:1.0}. */
  public String familiarForm() {
    String familiarName;
    if (isDockerHub()) {
      familiarName =
          repository.startsWith("library/") && repository.indexOf('/', 8) < 0
              ? repository.substring(8)
              : repository;
    } else {
      familiarName = name();
    }
    return familiarName + suffix();
  }

  private String suffix() {
    return (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }

  @Override
  public String toString() {
    return name() + suffix();
  }
}
