package dev.refit.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.image.Platform;
import dev.refit.registry.CredentialStore;
import dev.refit.registry.RegistryClient;
import dev.refit.registry.RegistrySettings;
import dev.refit.target.Target;
import dev.refit.target.TargetKind;
import dev.refit.target.UpdateRules;
import dev.refit.version.PolicyDefaults;
import dev.refit.version.PolicyResolver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A regex RE2 refuses, or one that would expand too far, is an error on its own target's row,
 * found before any registry request (the targets here point at a registry that does not exist).
 */
class BadRegexRowTest {

  private static Target container(String name, Map<String, String> labels) {
    return new Target(
        TargetKind.CONTAINER, "id-" + name, name, "unix:///fake.sock",
        "127.0.0.1:9/app:1.0.0", "sha256:" + "0".repeat(64), List.of(),
        UpdateRules.fromLabels(labels, false));
  }

  @Test
  void badRegexesAreErrorsOnTheirRows() {
    UpdateChecker checker =
        new UpdateChecker(
            new ClientRegistryQuestions(
                RegistryClient.create(RegistrySettings.defaults(), CredentialStore.none())),
            new PolicyResolver(PolicyDefaults.standard()),
            () -> Platform.parse("linux/amd64"),
            2);

    List<CheckResult> results =
        checker.check(
            List.of(
                container("lookahead", Map.of("refit.include", "(?=1)\\d+")),
                container("huge", Map.of("refit.policy", "regex:((a{1000}){1000}){1000}"))),
            CheckProgress.none());

    assertThat(results).extracting(CheckResult::status).containsOnly(CheckStatus.ERROR);
    assertThat(results.get(0).reason())
        .startsWith("invalid regex '(?=1)\\d+' in include filter: invalid or unsupported Perl syntax")
        .doesNotContain("\n");
    assertThat(results.get(1).reason())
        .startsWith("regex '((a{1000}){1000}){1000}' in version policy")
        .contains("is too large");
  }
}
