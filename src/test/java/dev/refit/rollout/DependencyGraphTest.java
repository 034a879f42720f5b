package dev.refit.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {
  private static List<List<String>> groups(DependencyGraph graph, String... ids) {
    return graph.groups(List.of(ids), Function.identity()).stream().map(DependencyGraph.Group::members).toList();
  }

  @Test
  void withoutDependenciesEveryTargetGoesOnItsOwnInTheGivenOrder() {
    assertThat(groups(DependencyGraph.none(), "c", "a", "b"))
        .containsExactly(List.of("c"), List.of("a"), List.of("b"));
  }

  @Test
  void aDependantGoesAfterWhatItDependsOnInTheSameGroup() {
    DependencyGraph graph = DependencyGraph.of(Map.of("web", List.of("db"), "worker", List.of("queue")));
    assertThat(groups(graph, "web", "worker", "db", "queue", "lone"))
        .containsExactly(List.of("db", "web"), List.of("queue", "worker"), List.of("lone"));
  }

  @Test
  void aDependencyThroughATargetNotUpdatedStillJoins() {
    DependencyGraph graph = DependencyGraph.of(Map.of("web", List.of("api"), "api", List.of("db")));
    assertThat(groups(graph, "web", "db")).containsExactly(List.of("db", "web"));
  }

  @Test
  void aContainerHangingOnTwoTargetsJoinsThemSinceEachUpdateRestartsIt() {
    DependencyGraph graph = DependencyGraph.of(Map.of("proxy", List.of("blue", "green")));
    assertThat(groups(graph, "blue", "green", "other"))
        .containsExactly(List.of("blue", "green"), List.of("other"));
  }

  @Test
  void sharingADependencyThatIsNotUpdatedKeepsTargetsApart() {
    DependencyGraph graph = DependencyGraph.of(Map.of("a", List.of("db"), "b", List.of("db"), "c", List.of("db")));
    assertThat(groups(graph, "a", "b", "c")).containsExactly(List.of("a"), List.of("b"), List.of("c"));
    // updated with them, db comes first and holds them together
    assertThat(groups(graph, "a", "b", "db")).containsExactly(List.of("db", "a", "b"));
  }

  @Test
  void aCycleIsNamedAndItsGroupKeepsTheGivenOrder() {
    DependencyGraph graph =
        DependencyGraph.of(Map.of("x", List.of("y"), "y", List.of("z"), "z", List.of("x"), "free", List.of("free")));
    List<DependencyGraph.Group<String>> groups = graph.groups(List.of("y", "free", "x", "z"), Function.identity());
    assertThat(groups).hasSize(2);
    assertThat(groups.get(0).members()).containsExactlyInAnyOrder("y", "x", "z");
    assertThat(groups.get(0).cycle()).containsExactly("y", "z", "x", "y");
    assertThat(groups.get(1).members()).containsExactly("free");
    assertThat(groups.get(1).cycle()).as("depending on itself is ignored").isEmpty();
    assertThat(graph.dependsOn("x", "x")).isTrue();
  }
}
