package dev.refit.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.image.ImageReference;
import dev.refit.json.JsonTrees;
import dev.refit.registry.RegistryException.Reason;
import java.io.IOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The one place where a registry's error answer becomes a {@link RegistryException}. */
final class RegistryErrors {

  private RegistryErrors() {}

  static RegistryException forManifest(ImageReference image, RegistryAnswer answer) {
    int status = answer.status();
    if (status == 404) {
      String code = errorCode(answer).orElse("");
      String message =
          switch (code) {
            case "NAME_UNKNOWN" ->
                "repository " + image.repository() + " does not exist on " + image.registry();
            case "MANIFEST_UNKNOWN" ->
                (image.hasDigest() ? "digest " + image.digest() : "tag '" + image.tag() + "'")
                    + " does not exist in "
                    + image.name();
            default ->
                (image.hasDigest() ? "digest " + image.digest() : "tag '" + image.tag() + "'")
                    + " or repository "
                    + image.repository()
                    + " does not exist on "
                    + image.registry();
          };
      return new RegistryException(Reason.NOT_FOUND, image.registry(), image.repository(), message);
    }
    return forStatus(image, answer, "the manifest of " + image.familiarForm());
  }

  static RegistryException forTags(ImageReference repository, RegistryAnswer answer) {
    if (answer.status() == 404) {
      return new RegistryException(
          Reason.NOT_FOUND,
          repository.registry(),
          repository.repository(),
          "repository " + repository.repository() + " does not exist on " + repository.registry());
    }
    return forStatus(repository, answer, "the tags of " + repository.name());
  }

  private static RegistryException forStatus(
      ImageReference image, RegistryAnswer answer, String what) {
    int status = answer.status();
    String detail = errorMessage(answer).map(m -> ": " + m).orElse("");
    if (status == 403) {
      return new RegistryException(
          Reason.DENIED,
          image.registry(),
          image.repository(),
          "registry " + image.registry() + " denied access to " + what + " (403)" + detail);
    }
    if (status >= 500) {
      return new RegistryException(
          Reason.UNAVAILABLE,
          image.registry(),
          image.repository(),
          "registry " + image.registry() + " failed to send " + what + " (" + status
              + ", still after retries)" + detail);
    }
    return new RegistryException(
        Reason.MALFORMED,
        image.registry(),
        image.repository(),
        "registry " + image.registry() + " answered " + status + " when asked for " + what
            + detail);
  }

  /** A 401 that authenticating did not cure: names where the credential came from, never what it is. */
  static RegistryException unauthorized(ImageReference repository, @Nullable Credential credential) {
    String message =
        credential == null
            ? "registry "
                + repository.registry()
                + " refused anonymous access to "
                + repository.repository()
                + " (401): credentials are missing (docker login "
                + repository.registry()
                + ", or set them in Refit's configuration), or the repository does not exist"
            : "registry "
                + repository.registry()
                + " refused the credentials of user '"
                + credential.username()
                + "' from "
                + credential.source()
                + " for "
                + repository.repository()
                + " (401): they are wrong or may not pull it";
    return new RegistryException(
        Reason.UNAUTHORIZED, repository.registry(), repository.repository(), message);
  }

  static RegistryException malformed(ImageReference image, String what) {
    return new RegistryException(
        Reason.MALFORMED, image.registry(), image.repository(), "registry " + image.registry() + " " + what);
  }

  private static Optional<JsonNode> firstError(RegistryAnswer answer) {
    byte[] body = answer.body();
    if (body == null || body.length == 0) {
      return Optional.empty();
    }
    try {
      JsonNode errors = JsonTrees.read(body).path("errors");
      return errors.isArray() && errors.size() > 0 ? Optional.of(errors.get(0)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> errorCode(RegistryAnswer answer) {
    return firstError(answer).map(e -> e.path("code").asText("")).filter(c -> !c.isEmpty());
  }

  /** The registry's own explanation, shortened to one line. */
  private static Optional<String> errorMessage(RegistryAnswer answer) {
    return firstError(answer)
        .map(e -> e.path("message").asText(""))
        .filter(m -> !m.isBlank())
        .map(m -> m.replaceAll("\\s+", " "))
        .map(m -> m.length() > 200 ? m.substring(0, 200) + "…" : m);
  }
}
