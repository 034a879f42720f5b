package dev.refit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlatformTest {
  @Test
  void normalisesArchitecturesAsContainerdDoes() {
    assertThat(new Platform("Linux", "x86_64", "")).isEqualTo(Platform.parse("linux/amd64"));
    assertThat(new Platform("linux", "aarch64", "")).isEqualTo(Platform.parse("linux/arm64/v8"));
    assertThat(Platform.parse("linux/arm").toString()).isEqualTo("linux/arm/v7");
  }

  @Test
  void readsTheArmVersionFromTheMachineNameDockerInfoReports() {
    // docker info's Architecture is uname -m: a Raspberry Pi 3/4 on a 32-bit OS, a Pi Zero / 1
    assertThat(new Platform("linux", "armv7l", "")).isEqualTo(Platform.parse("linux/arm/v7"));
    assertThat(new Platform("linux", "armv6l", "")).isEqualTo(Platform.parse("linux/arm/v6"));
    assertThat(new Platform("linux", "armv5tel", "")).isEqualTo(Platform.parse("linux/arm/v5"));
    // Debian's names, as containerd maps them
    assertThat(new Platform("linux", "armel", "")).isEqualTo(Platform.parse("linux/arm/v6"));
    assertThat(new Platform("linux", "armhf", "")).isEqualTo(Platform.parse("linux/arm/v7"));
    // an index entry's own variant wins over what the name implies
    assertThat(new Platform("linux", "armv7l", "v6").variant()).isEqualTo("v6");
    assertThat(Platform.parse("linux/arm/v7").matches(new Platform("linux", "armv6l", ""))).isFalse();
  }

  @Test
  void matchesEntriesWithOrWithoutVariant() {
    Platform armV7 = Platform.parse("linux/arm/v7");
    assertThat(armV7.matches(Platform.parse("linux/arm/v7"))).isTrue();
    assertThat(armV7.matches(Platform.parse("linux/arm/v6"))).isFalse();
    assertThat(Platform.parse("linux/arm64").matches(new Platform("linux", "arm64", ""))).isTrue();
    assertThat(Platform.parse("linux/amd64").matches(Platform.parse("linux/arm64"))).isFalse();
    assertThat(Platform.parse("linux/amd64").matches(Platform.parse("windows/amd64"))).isFalse();
  }

  @Test
  void rejectsMalformedText() {
    assertThatThrownBy(() -> Platform.parse("linux")).hasMessageContaining("os/arch[/variant]");
  }
}
