package dev.refit.rollout.swarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ServiceSpecsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void changesOnlyTheImageAndKeepsFieldsNoModelKnows() throws Exception {
    String original =
        "{\"Name\":\"web\",\"Labels\":{\"a\":\"b\"},\"TaskTemplate\":{\"ContainerSpec\":{"
            + "\"Image\":\"r/app:1@sha256:aaa\",\"Isolation\":\"default\",\"FutureField\":{\"x\":[1,2.5]}},"
            + "\"ForceUpdate\":3},\"Mode\":{\"Replicated\":{\"Replicas\":2}},\"Unknown\":true}";
    ObjectNode spec = (ObjectNode) JSON.readTree(original);

    ObjectNode changed = ServiceSpecs.withImage(spec, "r/app:2@sha256:bbb");

    assertThat(changed.toString()).isEqualTo(original.replace("r/app:1@sha256:aaa", "r/app:2@sha256:bbb"));
    assertThat(spec.toString()).isEqualTo(original);
  }

  @Test
  void refusesASpecWithoutContainer() throws Exception {
    ObjectNode plugin = (ObjectNode) JSON.readTree("{\"Name\":\"p\",\"TaskTemplate\":{\"PluginSpec\":{}}}");
    assertThatThrownBy(() -> ServiceSpecs.withImage(plugin, "x"))
        .hasMessage("service p has no container spec (a plugin service?)");
  }
}
