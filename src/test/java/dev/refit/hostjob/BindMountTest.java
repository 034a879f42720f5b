package dev.refit.hostjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BindMountTest {
  @Test
  void parsesDockerRunForm() {
    assertThat(BindMount.parse("/:/host")).isEqualTo(new BindMount("/", "/host", false));
    assertThat(BindMount.parse("/etc:/host-etc:ro")).isEqualTo(new BindMount("/etc", "/host-etc", true));
    assertThat(BindMount.parse("/var:/v:rw")).isEqualTo(new BindMount("/var", "/v", false));
    assertThat(BindMount.parse("/etc:/e:ro").toString()).isEqualTo("/etc:/e:ro");
  }

  @Test
  void refusesOtherForms() {
    assertThatThrownBy(() -> BindMount.parse("/"))
        .hasMessage("--mount '/' must look like /host/path:/container/path[:ro], e.g. /:/host");
    assertThatThrownBy(() -> BindMount.parse("/a:/b:rx")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BindMount.parse("data:/b"))
        .hasMessage("mount data:/b: both paths must be absolute");
  }
}
