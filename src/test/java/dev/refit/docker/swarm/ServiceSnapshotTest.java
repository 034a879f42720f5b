package dev.refit.docker.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ServiceSnapshotTest {
  @Test
  void readsWhatTheEngineAnswers() throws Exception {
    ServiceSnapshot s =
        ServiceSnapshot.from(
            new ObjectMapper()
                .readTree(
                    "{\"ID\":\"abc\",\"Version\":{\"Index\":42},\"Spec\":{\"Name\":\"web\","
                        + "\"Labels\":{\"refit.enable\":\"true\"},"
                        + "\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"app:2@sha256:x\"}},"
                        + "\"Mode\":{\"Global\":{}}},"
                        + "\"PreviousSpec\":{\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"app:1\"}}},"
                        + "\"UpdateStatus\":{\"State\":\"rollback_completed\",\"StartedAt\":\"t1\","
                        + "\"Message\":\"rolled back\"}}"));

    assertThat(s.id()).isEqualTo("abc");
    assertThat(s.version()).isEqualTo(42);
    assertThat(s.name()).isEqualTo("web");
    assertThat(s.image()).isEqualTo("app:2@sha256:x");
    assertThat(s.previousImage()).isEqualTo("app:1");
    assertThat(s.labels()).containsEntry("refit.enable", "true");
    assertThat(s.mode()).isEqualTo(ServiceMode.GLOBAL);
    assertThat(s.updateStatus()).isEqualTo(new UpdateStatus("rollback_completed", "t1", null, "rolled back"));
    assertThat(s.updateStatus().isRollback()).isTrue();
    s.spec().put("Name", "changed");
    assertThat(s.name()).as("the snapshot cannot be changed through its spec").isEqualTo("web");
  }

  @Test
  void aSpecWithoutModeIsReplicatedOnce() throws Exception {
    ServiceSnapshot s = ServiceSnapshot.from(new ObjectMapper().readTree("{\"ID\":\"a\",\"Spec\":{}}"));
    assertThat(s.mode()).isEqualTo(ServiceMode.REPLICATED);
    assertThat(s.replicas()).isEqualTo(1);
    assertThat(s.updateStatus()).isNull();
  }
}
