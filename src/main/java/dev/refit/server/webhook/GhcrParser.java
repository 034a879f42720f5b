package dev.refit.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.image.ImageName;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * GitHub's {@code package} (and older {@code registry_package}) events for container packages:
 * {@code package_version.package_url} names the image, else owner and package name do.
 */
final class GhcrParser implements WebhookParser {
  @Override
  public Set<ImageName> images(JsonNode body, WebhookRequest request) {
    String event = request.header("X-GitHub-Event");
    if ("ping".equals(event)) {
      return Set.of();
    }
    if (event != null && !event.equals("package") && !event.equals("registry_package")) {
      throw new WebhookRejected(
          400, "GitHub event '" + event + "' is not a package event; subscribe the webhook to Packages only");
    }
    JsonNode pkg = body.has("package") ? body.path("package") : body.path("registry_package");
    if (pkg.isMissingNode() || !pkg.isObject()) {
      throw new WebhookRejected(400, "not a GitHub package payload: package is missing");
    }
    if (!isContainer(pkg)) {
      return Set.of();
    }
    String url = pkg.path("package_version").path("package_url").asText("");
    if (!url.isBlank()) {
      return Set.of(ImageName.parse(repositoryOf(url)));
    }
    String owner = WebhookParser.required(pkg, "owner.login", "GitHub package").asText();
    String name = WebhookParser.required(pkg, "name", "GitHub package").asText();
    return Set.of(ImageName.parse("ghcr.io/" + owner.toLowerCase(Locale.ROOT) + "/" + name.toLowerCase(Locale.ROOT)));
  }

  /**
   * GitHub names the kind in several fields, not always consistently: its own example says
   * {@code package_type: npm} with {@code ecosystem: docker} and {@code registry.type: CONTAINER}.
   * Any of them naming a container (or the older "docker") makes it one.
   */
  private static boolean isContainer(JsonNode pkg) {
    return Stream.of(pkg.path("package_type"), pkg.path("ecosystem"), pkg.path("registry").path("type"))
        .map(n -> n.asText("").toLowerCase(Locale.ROOT))
        .anyMatch(t -> t.equals("container") || t.equals("docker"));
  }

  /**
   * {@code ghcr.io/Codertocat/hello-world:} as GitHub sends it (an empty tag when a digest was
   * pushed, the owner's own capitals) names the repository {@code ghcr.io/codertocat/hello-world}.
   */
  private static String repositoryOf(String packageUrl) {
    String url = packageUrl.trim();
    int at = url.indexOf('@');
    if (at >= 0) {
      url = url.substring(0, at);
    }
    int colon = url.lastIndexOf(':');
    if (colon > url.lastIndexOf('/')) {
      url = url.substring(0, colon);
    }
    return url.toLowerCase(Locale.ROOT);
  }
}
