package dev.refit.server.webhook;

import dev.refit.image.ImageName;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;

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
    String type = pkg.path("package_type").asText(pkg.path("ecosystem").asText("")).toLowerCase(Locale.ROOT);
    if (!type.equals("container") && !type.equals("docker")) {
      return Set.of();
    }
    String url = pkg.path("package_version").path("package_url").asText("");
    if (!url.isBlank()) {
      return Set.of(ImageName.parse(url));
    }
    String owner = WebhookParser.required(pkg, "owner.login", "GitHub package").asText();
    String name = WebhookParser.required(pkg, "name", "GitHub package").asText();
    return Set.of(ImageName.parse("ghcr.io/" + owner.toLowerCase(Locale.ROOT) + "/" + name.toLowerCase(Locale.ROOT)));
  }
}
