package dev.refit.rollout.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.check.AvailableUpdate;
import dev.refit.check.UpdateKind;
import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import org.junit.jupiter.api.Test;

class NewReferenceTest {
  private static AvailableUpdate tag(String ref) {
    return new AvailableUpdate(UpdateKind.TAG, ImageReference.parse(ref), null);
  }

  @Test
  void keepsTheUsersFormOfTheReference() {
    assertThat(ContainerRecreateApplier.newReference("nginx:1.25", tag("docker.io/library/nginx:1.26")))
        .isEqualTo("nginx:1.26");
    assertThat(ContainerRecreateApplier.newReference("localhost:5000/team/app:1.0", tag("localhost:5000/team/app:1.1")))
        .isEqualTo("localhost:5000/team/app:1.1");
    assertThat(ContainerRecreateApplier.newReference("localhost:5000/app", tag("localhost:5000/app:2")))
        .isEqualTo("localhost:5000/app:2");
    AvailableUpdate digest =
        new AvailableUpdate(
            UpdateKind.DIGEST, ImageReference.parse("nginx:latest"), Digest.sha256("x"));
    assertThat(ContainerRecreateApplier.newReference("nginx", digest)).isEqualTo("nginx");
  }
}
