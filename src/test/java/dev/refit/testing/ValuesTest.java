package dev.refit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fixtures' value types and parsers, without any engine or registry. */
class ValuesTest {

  @Test
  void environmentNamesWhatIsMissing() {
    assertThatThrownBy(() -> TestEnvironment.from(Map.of(TestEnvironment.ENV_REGISTRY, "127.0.0.1:1")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("REFIT_TEST_DOCKER_HOST")
        .hasMessageNotContaining("REFIT_TEST_REGISTRY,")
        .hasMessageContaining("run the integration tests with ./scripts/test");
  }

  @Test
  void parsesScopes() {
    assertThat(TokenAccess.parseScope("repository:team/app:pull,push"))
        .isEqualTo(new TokenAccess("repository", "team/app", List.of("pull", "push")));
    assertThat(TokenAccess.parseScope("repository(plugin):app:pull"))
        .isEqualTo(new TokenAccess("repository", "app", List.of("pull")));
    assertThat(TokenAccess.parseScope("repository:127.0.0.1:5000/app:*"))
        .isEqualTo(new TokenAccess("repository", "127.0.0.1:5000/app", List.of("*")));
    assertThat(TokenAccess.parseScope("registry:catalog:*").name()).isEqualTo("catalog");
    assertThatThrownBy(() -> TokenAccess.parseScope("nonsense")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsesImageReferences() {
    assertThat(ImageReference.parse("127.0.0.1:5000/app:1.0.0"))
        .isEqualTo(new ImageReference("127.0.0.1:5000", "app", "1.0.0"));
    assertThat(ImageReference.parse("127.0.0.1:5000/team/app"))
        .isEqualTo(new ImageReference("127.0.0.1:5000", "team/app", "latest"));
    assertThat(ImageReference.parse("app:2")).isEqualTo(new ImageReference("", "app", "2"));
    assertThat(ImageReference.parse("localhost/x:y").name()).isEqualTo("localhost/x");
  }

  @Test
  void faultsSelectByMethodAndPath() {
    Fault fault = Fault.status(503).on("HEAD|GET", "/v2/.+/manifests/.+").times(2);
    assertThat(fault.selects("HEAD", "/v2/app/manifests/1")).isTrue();
    assertThat(fault.selects("PUT", "/v2/app/manifests/1")).isFalse();
    assertThat(fault.selects("GET", "/v2/app/tags/list")).isFalse();
    assertThat(fault.times()).isEqualTo(2);
    assertThat(fault.always().times()).isEqualTo(Fault.ALWAYS);
    assertThat(((Fault.Respond) Fault.tooManyRequests(java.time.Duration.ofSeconds(7)).action())
        .headers()).containsEntry("Retry-After", "7");
    assertThatThrownBy(() -> fault.times(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void labelsBecomeQuotedChanges() {
    assertThat(TestImages.changes(Map.of("a.b", "x \"y\""), List.of("/bin/sleep", "1")))
        .containsExactly("CMD [\"/bin/sleep\",\"1\"]", "LABEL \"a.b\"=\"x \\\"y\\\"\"");
  }

  @Test
  void credentialsHideThePassword() {
    assertThat(new RegistryCredentials("u", "p").toString()).doesNotContain("p]").contains("****");
    assertThat(new RegistryCredentials("u", "p").basicAuthorization()).isEqualTo("Basic dTpw");
  }
}
