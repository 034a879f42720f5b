package dev.refit.rollout.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refit.docker.EngineApi;
import dev.refit.docker.EngineApiException;
import java.util.Map;
import java.util.Optional;

/**
 * Claims as containers: created, never started, on no network. They come from the target's own
 * image, which the engine has anyway; anonymous volumes its image declares go with the claim.
 */
final class DockerClaimEngine implements ClaimEngine {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EngineApi api;

  DockerClaimEngine(EngineApi api) {
    this.api = api;
  }

  @Override
  public boolean create(String name, String image, Map<String, String> labels) {
    ObjectNode body = JSON.createObjectNode();
    body.put("Image", image);
    body.putArray("Entrypoint").add("/refit-claim-never-started");
    body.putArray("Cmd");
    body.set("Labels", JSON.valueToTree(labels));
    body.putObject("HostConfig").put("NetworkMode", "none");
    try {
      api.createContainer(name, body);
      return true;
    } catch (EngineApiException e) {
      if (e.conflict()) {
        return false; // taken
      }
      throw e;
    }
  }

  @Override
  public Optional<Holder> find(String name) {
    return api.findContainer(name)
        .map(
            c -> {
              ContainerInfo info = new ContainerInfo(c);
              return new Holder(info.id(), EngineApi.strings(c.path("Config").path("Labels")), info.created());
            });
  }

  @Override
  public java.util.List<Holder> claims() {
    String filter = "{\"label\":[\"" + dev.refit.target.RefitLabels.CLAIM + "\"]}";
    java.util.List<Holder> holders = new java.util.ArrayList<>();
    for (JsonNode c : api.get("/containers/json?all=1&filters=" + EngineApi.encode(filter))) {
      holders.add(
          new Holder(
              c.path("Id").asText(),
              EngineApi.strings(c.path("Labels")),
              java.time.Instant.ofEpochSecond(c.path("Created").asLong())));
    }
    return holders;
  }

  @Override
  public void remove(String id) {
    // gone: released by someone else meanwhile (a stale claim taken over)
    api.sendUnlessGone("DELETE", "/containers/" + EngineApi.encode(id) + "?force=true&v=true");
  }
}
