package dev.refit.target;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.docker.swarm.ServiceSnapshot;
import dev.refit.docker.swarm.SwarmApi;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwarmServiceDiscoveryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ServiceSnapshot service(String id, String name, String mode, String labels) throws Exception {
    return ServiceSnapshot.from(
        JSON.readTree(
            "{\"ID\":\"" + id + "\",\"Version\":{\"Index\":1},\"Spec\":{\"Name\":\"" + name + "\","
                + "\"Labels\":" + labels + ",\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"r/" + name
                + ":1.0.0@sha256:" + "a".repeat(64) + "\"}},\"Mode\":{\"" + mode + "\":{}}}}"));
  }

  private static SwarmApi swarm(boolean manager, List<ServiceSnapshot> services) {
    return (SwarmApi)
        Proxy.newProxyInstance(
            SwarmApi.class.getClassLoader(),
            new Class<?>[] {SwarmApi.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "isManager" -> manager;
                  case "services" -> services;
                  case "host" -> "unix:///fake.sock";
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  @Test
  void servicesOptInAndJobsNeverCount() throws Exception {
    List<ServiceSnapshot> services =
        List.of(
            service("3", "web", "Replicated", "{\"refit.enable\":\"true\",\"refit.policy\":\"semver:patch\"}"),
            service("1", "db", "Global", "{}"),
            service("2", "migrate", "ReplicatedJob", "{\"refit.enable\":\"true\"}"),
            service("4", "refit-host-job-x", "GlobalJob", "{\"refit.host-job\":\"true\"}"));

    List<Target> targets = new SwarmServiceDiscovery(swarm(true, services), false).discover();

    assertThat(targets).extracting(Target::name).containsExactly("db", "web");
    Target web = targets.get(1);
    assertThat(web.kind()).isEqualTo(TargetKind.SERVICE);
    assertThat(web.id()).isEqualTo("3");
    assertThat(web.location()).isEqualTo("unix:///fake.sock");
    assertThat(web.image()).isEqualTo("r/web:1.0.0@sha256:" + "a".repeat(64));
    assertThat(web.repoDigests()).isEmpty();
    assertThat(web.rules().enabled()).isTrue();
    assertThat(web.rules().policy()).isEqualTo("semver:patch");
    assertThat(web.rules().problem()).isNull();
    assertThat(targets.get(0).rules().enabled()).as("no label, no global switch").isFalse();

    assertThat(new SwarmServiceDiscovery(swarm(true, services), true).discover().get(0).rules().enabled())
        .isTrue();
  }

  @Test
  void aWorkerOrStandaloneEngineHasNoServices() {
    assertThat(new SwarmServiceDiscovery(swarm(false, List.of()), true).discover()).isEmpty();
  }
}
