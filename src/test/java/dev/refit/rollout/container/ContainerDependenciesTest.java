package dev.refit.rollout.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.rollout.container.ContainerDependencies.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerDependenciesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ContainerInfo c(String id, String name, String hostConfig, String labels, String networks) {
    try {
      return new ContainerInfo(
          JSON.readTree(
              """
              {"Id": "%s", "Name": "/%s", "HostConfig": %s, "Config": {"Labels": %s},
               "NetworkSettings": {"Networks": %s}, "State": {"Running": true}}
              """
                  .formatted(id, name, hostConfig, labels, networks)));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String id(char c) {
    return String.valueOf(c).repeat(64);
  }

  private final ContainerInfo db = c(id('a'), "db", "{}", "{\"com.docker.compose.project\":\"shop\",\"com.docker.compose.service\":\"db\"}", "{}");
  private final ContainerInfo vpn = c(id('b'), "vpn", "{}", "{}", "{}");
  private final ContainerInfo app =
      c(id('c'), "app", "{\"NetworkMode\": \"container:" + id('b') + "\"}",
          "{\"com.docker.compose.project\":\"shop\",\"com.docker.compose.service\":\"app\","
              + "\"com.docker.compose.depends_on\":\"db:service_started:false\"}",
          "{}");
  private final ContainerInfo legacy = c(id('d'), "legacy", "{\"Links\": [\"/db:/legacy/database\"]}", "{}", "{}");
  private final ContainerInfo linked = c(id('e'), "linked", "{}", "{}", "{\"back\": {\"Links\": [\"vpn:v\"]}}");
  private final ContainerInfo labelled = c(id('f'), "labelled", "{}", "{\"refit.depends-on\":\"app, nothing\"}", "{}");

  private final ContainerDependencies deps =
      ContainerDependencies.of(List.of(db, vpn, app, legacy, linked, labelled));

  @Test
  void findsEveryKindOfDependant() {
    assertThat(deps.dependantsOf(id('b')))
        .extracting(d -> d.container().name(), ContainerDependencies.Dependant::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("app", Kind.NAMESPACE),
            org.assertj.core.groups.Tuple.tuple("linked", Kind.RESTART));
    assertThat(deps.dependantsOf(id('a')))
        .extracting(d -> d.container().name())
        .containsExactly("app", "legacy");
    assertThat(deps.dependantsOf(id('c'))).extracting(d -> d.container().name()).containsExactly("labelled");
    assertThat(deps.dependantsOf(id('f'))).isEmpty();
  }

  @Test
  void ordersDependenciesFirstEvenThroughOthers() {
    assertThat(deps.graph().dependsOn(id('f'), id('b'))).as("labelled -> app -> vpn").isTrue();
    assertThat(deps.graph().dependsOn(id('b'), id('f'))).isFalse();
    List<ContainerInfo> ordered = deps.graph().order(List.of(labelled, linked, vpn, db), ContainerInfo::id);
    assertThat(ordered).extracting(ContainerInfo::name).containsExactly("vpn", "db", "labelled", "linked");
  }

  @Test
  void cyclesKeepTheGivenOrder() {
    ContainerInfo x = c(id('1'), "x", "{}", "{\"refit.depends-on\":\"y\"}", "{}");
    ContainerInfo y = c(id('2'), "y", "{}", "{\"refit.depends-on\":\"x\"}", "{}");
    ContainerDependencies cyclic = ContainerDependencies.of(List.of(x, y));
    assertThat(cyclic.graph().order(List.of(x, y), ContainerInfo::id)).hasSize(2).containsOnly(x, y);
    assertThat(cyclic.graph().groups(List.of(x, y), ContainerInfo::id))
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.members()).containsExactly(x, y);
              assertThat(g.cycle().stream().map(cyclic::nameOf)).containsExactly("x", "y", "x");
            });
  }

  @Test
  void independentContainersGoInGroupsOfTheirOwnAndDependantsWithWhatTheyDependOn() {
    // db is shared by app and legacy (not updated together with db here): app and legacy stay apart
    assertThat(deps.graph().groups(List.of(app, legacy, linked), ContainerInfo::id))
        .extracting(g -> g.members().stream().map(ContainerInfo::name).toList())
        .containsExactly(List.of("app"), List.of("legacy"), List.of("linked"));
    // vpn with what shares its namespace or links to it; labelled hangs on app
    assertThat(deps.graph().groups(List.of(labelled, db, linked, vpn, app), ContainerInfo::id))
        .extracting(g -> g.members().stream().map(ContainerInfo::name).toList())
        .containsExactly(List.of("db", "vpn", "app", "labelled", "linked"));
  }
}
