package dev.refit.testing;

/**
 * {@code host:port/repository:tag} split into its parts (digest references are not supported).
 *
 * @param registry {@code host:port}, or {@code ""} when the reference has none
 * @param repository repository path without registry, e.g. {@code app} or {@code team/app}
 * @param tag tag, {@code latest} when the reference has none
 */
public record ImageReference(String registry, String repository, String tag) {

  public static ImageReference parse(String reference) {
    if (reference.contains("@")) {
      throw new IllegalArgumentException("digest references are not supported here: " + reference);
    }
    String name = reference;
    String tag = "latest";
    int colon = reference.lastIndexOf(':');
    if (colon > reference.lastIndexOf('/')) {
      name = reference.substring(0, colon);
      tag = reference.substring(colon + 1);
    }
    String registry = "";
    int slash = name.indexOf('/');
    if (slash > 0) {
      String first = name.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        name = name.substring(slash + 1);
      }
    }
    if (name.isEmpty() || tag.isEmpty()) {
      throw new IllegalArgumentException("not an image reference: " + reference);
    }
    return new ImageReference(registry, name, tag);
  }

  /** Registry and repository, e.g. {@code 127.0.0.1:5000/app}. */
  public String name() {
    return registry.isEmpty() ? repository : registry + "/" + repository;
  }

  @Override
  public String toString() {
    return name() + ":" + tag;
  }
}
