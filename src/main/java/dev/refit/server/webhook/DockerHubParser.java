package dev.refit.server.webhook;

import dev.refit.image.ImageName;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** Docker Hub: {@code repository.repo_name}; official images come without {@code library/}. */
final class DockerHubParser implements WebhookParser {
  @Override
  public Set<ImageName> images(JsonNode body, WebhookRequest request) {
    String name = WebhookParser.required(body, "repository.repo_name", "Docker Hub").asText().trim();
    WebhookParser.required(body, "push_data", "Docker Hub");
    String repository = name.contains("/") ? name : "library/" + name;
    return Set.of(ImageName.parse("docker.io/" + repository));
  }
}
