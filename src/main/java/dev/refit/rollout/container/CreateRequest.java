package dev.refit.rollout.container;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * How to create a container: the body of {@code POST /containers/create} (with at most one network,
 * which is all API 1.41 takes there) and the networks to connect it to before it starts.
 *
 * @param name the container's name
 * @param body the create body: Config fields, {@code HostConfig}, {@code NetworkingConfig}
 * @param laterNetworks network name to endpoint configuration, connected after create, in order
 */
record CreateRequest(String name, ObjectNode body, Map<String, ObjectNode> laterNetworks) {

  String image() {
    return body.path("Image").asText();
  }
}
