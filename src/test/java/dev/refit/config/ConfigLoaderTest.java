package dev.refit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.settings.Durations;
import dev.refit.version.SemverLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path file(String yaml) throws IOException {
    Path f = dir.resolve("refit.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void defaultsWithoutFileOrEnvironment() {
    RefitConfig config = new ConfigLoader(Map.of()).load(null);
    assertThat(config.versionTagLevel()).isEqualTo(SemverLevel.MINOR);
    assertThat(config.optInOnly()).isFalse();
    assertThat(config.dockerHost()).isNull();
    assertThat(config.registries()).isEmpty();
    assertThat(config.credentials().find("docker.io")).isEmpty();
  }

  @Test
  void fileThenEnvironment() throws IOException {
    Files.writeString(dir.resolve("pw"), "from-file\n");
    Path f =
        file(
            """
            docker:
              host: unix:///run/other.sock
            check:
              defaultPolicy: semver:patch
              optIn: true
            registry:
              timeout: 5s
              retries: 2
              insecure: [10.0.0.5:5000]
            registries:
              ghcr:
                host: ghcr.io
                username: me
                passwordFile: %s
              lan:
                host: lan.example:5000
                insecure: true
            """
                .formatted(dir.resolve("pw")));
    RefitConfig config =
        new ConfigLoader(
                Map.of(
                    "REFIT_DEFAULT_POLICY", "major",
                    "REFIT_REGISTRY_QUAY_HOST", "quay.io",
                    "REFIT_REGISTRY_QUAY_USERNAME", "robot",
                    "REFIT_REGISTRY_QUAY_PASSWORD", "tok"))
            .load(f);
    assertThat(config.dockerHost()).isEqualTo("unix:///run/other.sock");
    assertThat(config.versionTagLevel()).isEqualTo(SemverLevel.MAJOR);
    assertThat(config.optInOnly()).isTrue();
    assertThat(config.registry().requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.registry().maxAttempts()).isEqualTo(2);
    assertThat(config.registry().insecureRegistries())
        .containsExactlyInAnyOrder("10.0.0.5:5000", "lan.example:5000");
    assertThat(config.credentials().find("ghcr.io").orElseThrow().secret()).isEqualTo("from-file");
    assertThat(config.credentials().find("quay.io").orElseThrow().username()).isEqualTo("robot");
    assertThat(config.registries().toString()).doesNotContain("from-file").doesNotContain("tok,");
  }

  @Test
  void refitConfigEnvironmentVariableNamesTheFile() throws IOException {
    Path f = file("check:\n  optIn: yes\n");
    assertThat(new ConfigLoader(Map.of("REFIT_CONFIG", f.toString())).load(null).optInOnly())
        .isTrue();
  }

  @Test
  void badValuesNameWhereWhatAndWhatIsAllowed() throws IOException {
    Path typo = file("chek:\n  optIn: true\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(typo))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "config " + typo + ": chek is not a known key; allowed here: docker, check, registry,"
                + " registries, state, schedule, update, serve, webhooks, notify, swarm, fleet");
    Path badPolicy = file("check:\n  defaultPolicy: newest\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(badPolicy))
        .hasMessageContaining("check.defaultPolicy='newest' is not a default policy; allowed:");
    Path badDuration = file("registry:\n  timeout: soon\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(badDuration))
        .hasMessageContaining("registry.timeout='soon' is not a duration");
    Path notYaml = file("check: [unclosed\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(notYaml))
        .hasMessageContaining("not valid YAML at line");
    assertThatThrownBy(() -> new ConfigLoader(Map.of("REFIT_OPT_IN", "maybe")).load(null))
        .hasMessage("REFIT_OPT_IN='maybe' must be true or false");
    assertThatThrownBy(
            () -> new ConfigLoader(Map.of("REFIT_REGISTRY_X_USERNAME", "u")).load(null))
        .hasMessage("environment: registry 'x' has no host");
    assertThatThrownBy(
            () ->
                new ConfigLoader(
                        Map.of("REFIT_REGISTRY_X_HOST", "x.io", "REFIT_REGISTRY_X_USERNAME", "u"))
                    .load(null))
        .hasMessage("environment: registry 'x' needs both a username and a password");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(dir.resolve("missing.yaml")))
        .hasMessageContaining("missing.yaml: cannot be read");
  }

  @Test
  void durations() {
    assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
    assertThat(Durations.parse("2d")).contains(Duration.ofDays(2));
    assertThat(Durations.parse("2 days")).isEmpty();
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
  }
}
