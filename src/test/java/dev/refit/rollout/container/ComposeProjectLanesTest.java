package dev.refit.rollout.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.check.AvailableUpdate;
import dev.refit.check.CheckResult;
import dev.refit.check.CheckStatus;
import dev.refit.check.UpdateKind;
import dev.refit.image.ImageReference;
import dev.refit.plan.Decision;
import dev.refit.plan.UpdatePlan;
import dev.refit.rollout.DependencyGraph;
import dev.refit.target.Target;
import dev.refit.target.TargetKind;
import dev.refit.target.UpdateRules;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComposeProjectLanesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ContainerInfo container(String id, String labels) {
    try {
      return new ContainerInfo(
          JSON.readTree("{\"Id\": \"%s\", \"Name\": \"/%s\", \"Config\": {\"Labels\": %s}}".formatted(id, id, labels)));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String compose(String project, String dir) {
    return "{\"com.docker.compose.project\": \"%s\", \"com.docker.compose.project.working_dir\": \"%s\"}"
        .formatted(project, dir);
  }

  private static UpdatePlan plan(String id) {
    Target target =
        new Target(TargetKind.CONTAINER, id, id, "unix:///x", "app:1", "sha256:1", List.of(),
            UpdateRules.fromLabels(Map.of(), false));
    AvailableUpdate update = new AvailableUpdate(UpdateKind.TAG, ImageReference.parse("app:2"), null);
    return new UpdatePlan(
        new CheckResult(target, ImageReference.parse("app:1"), null, null, CheckStatus.UPDATE_AVAILABLE, update, null),
        Decision.APPLY, null);
  }

  private static DependencyGraph.Group<UpdatePlan> alone(String id) {
    return new DependencyGraph.Group<>(List.of(plan(id)), List.of());
  }

  private static List<List<String>> names(List<DependencyGraph.Group<UpdatePlan>> groups) {
    return groups.stream().map(g -> g.members().stream().map(p -> p.target().name()).toList()).toList();
  }

  @Test
  void servicesOfOneProjectGoOneAfterAnotherWhereTheFirstOfThemStood() {
    List<ContainerInfo> containers =
        List.of(
            container("web", compose("shop", "/srv/shop")),
            container("solo", "{}"),
            container("api", compose("shop", "/srv/shop")),
            container("blog", compose("blog", "/srv/blog")),
            // the same project name in another directory is another project
            container("other", compose("shop", "/srv/other")));
    List<DependencyGraph.Group<UpdatePlan>> groups =
        List.of(alone("web"), alone("solo"), alone("api"), alone("blog"), alone("other"));

    assertThat(names(ComposeProjectLanes.join(groups, containers)))
        .containsExactly(List.of("web", "api"), List.of("solo"), List.of("blog"), List.of("other"));
  }

  @Test
  void withoutComposeLabelsTheGroupsStayAsTheyAre() {
    List<DependencyGraph.Group<UpdatePlan>> groups = List.of(alone("a"), alone("b"));
    assertThat(ComposeProjectLanes.join(groups, List.of(container("a", "{}"), container("b", "{}"))))
        .isEqualTo(groups);
  }
}
