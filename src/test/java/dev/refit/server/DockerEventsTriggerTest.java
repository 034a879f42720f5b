package dev.refit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventActor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which container starts trigger a check: every one but Refit's own self-update helper. */
class DockerEventsTriggerTest {
  private static Event start(Map<String, String> attributes) {
    return new Event("start", "c0ffee", "refit:1.0.2", 1L)
        .withEventActor(new EventActor().withId("c0ffee").withAttributes(attributes));
  }

  @Test
  void theSelfUpdateHelpersStartTriggersNoCycle() {
    assertThat(DockerEventsTrigger.refitHelper(start(Map.of("name", "agent-e1-refit-helper", "refit.helper", "true"))))
        .isTrue();
  }

  @Test
  void anyOtherContainersStartDoes() {
    assertThat(DockerEventsTrigger.refitHelper(start(Map.of("name", "web", "refit.enable", "true")))).isFalse();
    assertThat(DockerEventsTrigger.refitHelper(new Event("start", "c0ffee", "app", 1L))).isFalse();
  }
}
