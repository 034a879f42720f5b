package dev.refit.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class BuildInfoTest {
  @Test
  void readsTheValuesMavenFilledIn() {
    Properties p = new Properties();
    p.setProperty("version", "1.2.3");
    p.setProperty("commit", "1c66f99e5e1f3a0c7a9a8e1b2c3d4e5f60718293");
    p.setProperty("buildTime", "2026-11-30T03:36:30Z");
    BuildInfo info = BuildInfo.of(p);
    assertThat(info).isEqualTo(
        new BuildInfo("1.2.3", "1c66f99e5e1f3a0c7a9a8e1b2c3d4e5f60718293", "2026-11-30T03:36:30Z"));
    assertThat(info.shortCommit()).isEqualTo("1c66f99e5e1f");
  }

  @Test
  void unfilledPlaceholdersAndMissingKeysAreUnknown() {
    Properties p = new Properties();
    p.setProperty("version", "${project.version}");
    p.setProperty("commit", "");
    BuildInfo info = BuildInfo.of(p);
    assertThat(info).isEqualTo(new BuildInfo("unknown", "unknown", "unknown"));
    assertThat(info.shortCommit()).isEqualTo("unknown");
  }

  @Test
  void theBuildOfThisCheckoutFilledInItsVersion() {
    assertThat(BuildInfo.current().version()).isNotEqualTo("unknown").doesNotContain("${");
  }
}
