package dev.refit.hostjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostJobTest {
  @Test
  void isAGlobalJobThatNeverRestartsAndIsLabelledAsOurs() {
    HostJob job =
        new HostJob(
            "refit-host-job-1",
            "debian:12",
            List.of("chroot", "/host", "apt-get", "-y", "dist-upgrade"),
            List.of(BindMount.parse("/:/host")),
            List.of(PlacementConstraint.parse("node.role==worker")),
            List.of("SYS_ADMIN"),
            "host",
            Duration.ofMinutes(30),
            20,
            Optional.empty());

    assertThat(job.serviceSpec().toString())
        .isEqualTo(
            "{\"Name\":\"refit-host-job-1\",\"Labels\":{\"refit.host-job\":\"true\"},"
                + "\"TaskTemplate\":{\"ContainerSpec\":{\"Image\":\"debian:12\","
                + "\"Args\":[\"chroot\",\"/host\",\"apt-get\",\"-y\",\"dist-upgrade\"],"
                + "\"Labels\":{\"refit.host-job\":\"refit-host-job-1\"},"
                + "\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"/\",\"Target\":\"/host\",\"ReadOnly\":false}],"
                + "\"CapabilityAdd\":[\"SYS_ADMIN\"]},"
                + "\"RestartPolicy\":{\"Condition\":\"none\"},"
                + "\"Placement\":{\"Constraints\":[\"node.role==worker\"]},"
                + "\"Networks\":[{\"Target\":\"host\"}]},"
                + "\"Mode\":{\"GlobalJob\":{}}}");
  }

  @Test
  void needsACommand() {
    assertThatThrownBy(
            () ->
                new HostJob("j", "img", List.of(), List.of(), List.of(), List.of(), null,
                    Duration.ofMinutes(1), 10, Optional.empty()))
        .hasMessage("a host job needs a command: refit host-job --image IMG -- CMD...");
  }
}
