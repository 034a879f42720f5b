package dev.refit.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.image.Platform;
import dev.refit.registry.CredentialStore;
import dev.refit.registry.RegistryClient;
import dev.refit.registry.RegistryHostStats;
import dev.refit.registry.RegistrySettings;
import dev.refit.target.Target;
import dev.refit.target.TargetKind;
import dev.refit.target.UpdateRules;
import dev.refit.testing.SilentServer;
import dev.refit.testing.TestEnvironment;
import dev.refit.version.PolicyDefaults;
import dev.refit.version.PolicyResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * One registry that accepts connections and never answers, beside the real test registry: the
 * real registry's rows are all answered while the silent one is still waiting for its only
 * timeout, and the silent one is tried once for the whole cycle, not once per image or per try.
 */
class HungRegistryIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final TestEnvironment env = TestEnvironment.get();

  private static Target target(String name, String image, List<String> repoDigests) {
    return new Target(
        TargetKind.CONTAINER, name, name, "unix:///test", image, "sha256:" + name, repoDigests,
        new UpdateRules(true, null, null, null, null));
  }

  @Test
  void aSilentRegistryCostsOneTimeoutAndHoldsUpNoOtherRegistry() {
    Map<String, String> digests = env.standardDigests();
    String real = env.registry();
    try (SilentServer silent = SilentServer.start()) {
      String hung = silent.address();
      List<Target> targets = new ArrayList<>();
      // the silent registry's images first: a single queue would put them before the real ones
      targets.add(target("hung-app", hung + "/app:1.0.0", List.of()));
      targets.add(target("hung-web", hung + "/web:2.0.0", List.of()));
      targets.add(target("hung-cache", hung + "/cache:latest", List.of(hung + "/cache@" + digests.get("app:latest"))));
      targets.add(target("real-app", real + "/app:1.0.0", List.of(real + "/app@" + digests.get("app:1.0.0"))));
      targets.add(target("real-latest", real + "/app:latest", List.of(real + "/app@" + digests.get("app:latest"))));
      targets.add(target("real-other", real + "/other:1.0.0", List.of(real + "/other@" + digests.get("other:1.0.0"))));

      RegistryClient registry =
          RegistryClient.create(
              RegistrySettings.builder().requestTimeout(TIMEOUT).retries(3, Duration.ofMillis(500)).build(),
              CredentialStore.none());
      UpdateChecker checker =
          new UpdateChecker(new ClientRegistryQuestions(registry), new PolicyResolver(PolicyDefaults.standard()), () -> Platform.parse("linux/amd64"), 1);
      long start = System.nanoTime();
      AtomicLong threeDoneAfter = new AtomicLong(-1);
      List<CheckResult> results =
          checker.check(
              targets,
              (done, total) -> {
                if (done == 3) {
                  threeDoneAfter.set(System.nanoTime() - start);
                }
              });

      // the first three answers came before the silent registry's only timeout: the real ones
      assertThat(Duration.ofNanos(threeDoneAfter.get())).isLessThan(TIMEOUT);
      String because =
          "registry " + hung + " did not answer GET /v2/ within 3s (registry.timeout);"
              + " not asking it again in this run";
      assertThat(results)
          .extracting(r -> r.target().name() + " " + r.status() + " " + (r.reason() == null ? "" : r.reason()))
          .containsExactly(
              "hung-app ERROR " + because,
              "hung-web ERROR " + because,
              "hung-cache ERROR " + because,
              "real-app UPDATE_AVAILABLE ",
              "real-latest UP_TO_DATE ",
              "real-other UP_TO_DATE ");
      assertThat(silent.connections()).isEqualTo(1);
      assertThat(registry.stats())
          .filteredOn(s -> s.host().equals(hung))
          .singleElement()
          .extracting(RegistryHostStats::requests)
          .isEqualTo(1L);
      // the real registry: one /v2/, two tag lists and one HEAD
      assertThat(registry.stats())
          .filteredOn(s -> s.host().equals(real))
          .singleElement()
          .extracting(RegistryHostStats::requests)
          .isEqualTo(4L);
    }
  }
}
