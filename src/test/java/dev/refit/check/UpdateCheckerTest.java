package dev.refit.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.image.Platform;
import dev.refit.registry.RegistryException;
import dev.refit.target.Target;
import dev.refit.target.TargetKind;
import dev.refit.target.UpdateRules;
import dev.refit.version.PolicyDefaults;
import dev.refit.version.PolicyResolver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every branch of {@link UpdateChecker}, against a {@link ScriptedRegistry}: no HTTP, no engine.
 * The tag list is a slice of Docker Hub's real {@code library/nginx} tags.
 */
class UpdateCheckerTest {
  private static final Platform AMD64 = Platform.parse("linux/amd64");
  private static final Platform ARM64 = Platform.parse("linux/arm64/v8");
  /** How often the checker asked for the engine's platform (a slow call on a real engine). */
  private final AtomicInteger platformAsked = new AtomicInteger();
  private static final String NGINX = "docker.io/library/nginx";
  private static final String REDIS = "docker.io/library/redis";
  /** A slice of Docker Hub's nginx tags, sorted as its {@code /v2/.../tags/list} sends them. */
  private static final String[] NGINX_TAGS = {
    "1.25", "1.25-alpine", "1.25.3", "1.25.3-alpine", "1.25.4", "1.25.5", "1.25.5-alpine",
    "1.26", "1.26.0", "1.26.1", "1.27.0", "1.27.0-alpine", "alpine", "latest", "mainline",
    "stable", "stable-alpine"
  };

  private final ScriptedRegistry registry = new ScriptedRegistry();

  // --- digest policy -------------------------------------------------------------------------

  @Test
  void digestPolicyIsUpToDateWhenTheTagStillPointsAtTheRunningDigest() {
    Digest running = digest("nginx latest");
    registry.manifest(NGINX + ":latest", running);

    CheckResult result = checkOne(container("web", "nginx:latest", pulled(NGINX, running)));

    assertThat(result.status()).isEqualTo(CheckStatus.UP_TO_DATE);
    assertThat(result.currentDigest()).isEqualTo(running);
    assertThat(result.policy()).isEqualTo("digest");
    assertThat(registry.asked()).containsExactly("head " + NGINX + ":latest");
  }

  @Test
  void digestPolicyOffersTheNewDigestWhenTheTagWasRepushed() {
    Digest running = digest("nginx latest old");
    Digest repushed = digest("nginx latest new");
    registry.manifest(NGINX + ":latest", repushed);

    CheckResult result = checkOne(container("web", "nginx:latest", pulled(NGINX, running)));

    assertThat(result.status()).isEqualTo(CheckStatus.UPDATE_AVAILABLE);
    assertThat(result.currentDigest()).isEqualTo(running);
    assertThat(result.update())
        .isEqualTo(
            new AvailableUpdate(UpdateKind.DIGEST, ImageReference.parse("nginx:latest"), repushed));
  }

  @Test
  void aReferencePinnedByTagAndDigestComparesThePinnedDigest() {
    Digest pinned = digest("nginx latest pinned");
    registry.manifest(NGINX + ":latest", pinned);

    CheckResult result = checkOne(container("web", "nginx:latest@" + pinned, List.of()));

    assertThat(result.status()).isEqualTo(CheckStatus.UP_TO_DATE);
    assertThat(registry.asked()).containsExactly("head " + NGINX + ":latest");
  }

  // --- multi-platform indexes ----------------------------------------------------------------

  @Test
  void aNewIndexWhosePlatformManifestIsTheRunningOneIsNotAnUpdate() {
    // someone re-pushed the index (e.g. added arm64), but the amd64 manifest is the same
    Digest amd64 = digest("nginx stable amd64");
    Digest index = digest("nginx stable index v2");
    registry.index(NGINX + ":stable", index, Map.of(AMD64, amd64, ARM64, digest("arm64")));

    CheckResult result = checkOne(container("web", "nginx:stable", pulled(NGINX, amd64)));

    assertThat(result.status()).isEqualTo(CheckStatus.UP_TO_DATE);
    assertThat(result.currentDigest()).isEqualTo(amd64);
    assertThat(registry.asked())
        .containsExactly(
            "head " + NGINX + ":stable", "platform " + NGINX + ":stable@" + index + " linux/amd64");
    assertThat(platformAsked).hasValue(1);
  }

  @Test
  void aNewIndexWithANewPlatformManifestIsADigestUpdate() {
    Digest index = digest("nginx stable index v2");
    registry.index(
        NGINX + ":stable", index, Map.of(AMD64, digest("amd64 new"), ARM64, digest("arm64")));

    CheckResult result =
        checkOne(container("web", "nginx:stable", pulled(NGINX, digest("amd64 old"))));

    assertThat(result.status()).isEqualTo(CheckStatus.UPDATE_AVAILABLE);
    assertThat(result.update().kind()).isEqualTo(UpdateKind.DIGEST);
    assertThat(result.update().digest()).as("moves to the index, as docker pull would").isEqualTo(index);
  }

  @Test
  void anIndexWithoutTheEnginesPlatformIsADigestUpdate() {
    Digest index = digest("nginx stable arm only");
    registry.index(NGINX + ":stable", index, Map.of(ARM64, digest("arm64")));

    CheckResult result =
        checkOne(container("web", "nginx:stable", pulled(NGINX, digest("amd64 old"))));

    assertThat(result.status()).isEqualTo(CheckStatus.UPDATE_AVAILABLE);
  }

  @Test
  void theRunningIndexDigestItselfIsUpToDateWithoutAskingForThePlatform() {
    Digest index = digest("nginx stable index");
    registry.index(NGINX + ":stable", index, Map.of(AMD64, digest("amd64")));

    CheckResult result = checkOne(container("web", "nginx:stable", pulled(NGINX, index)));

    assertThat(result.status()).isEqualTo(CheckStatus.UP_TO_DATE);
    assertThat(registry.asked()).containsExactly("head " + NGINX + ":stable");
    assertThat(platformAsked).as("the engine is not asked for its platform").hasValue(0);
  }

  // --- images the registry cannot compare ----------------------------------------------------

  @Test
  void aContainerRunningAnImageByIdIsSkipped() {
    CheckResult byId = checkOne(container("adhoc", "sha256:" + "ab".repeat(32), List.of()));
    CheckResult bareId = checkOne(container("adhoc2", "ab".repeat(32), List.of()));

    assertThat(List.of(byId, bareId))
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(CheckStatus.SKIPPED);
              assertThat(r.reason()).contains("runs an image by id");
            });
    assertThat(registry.asked()).isEmpty();
  }

  @Test
  void aLocallyBuiltImageWithoutRepoDigestsIsAnErrorNamingWhy() {
    registry.manifest(NGINX + ":latest", digest("nginx latest"));

    CheckResult result = checkOne(container("built", "nginx:latest", List.of()));

    assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
    assertThat(result.reason())
        .isEqualTo(
            "the image it runs has no registry digest (built or imported locally, never pulled"
                + " or pushed), so it cannot be compared with nginx:latest");
    assertThat(result.currentDigest()).isNull();
  }

  @Test
  void repoDigestsOfOtherRepositoriesOrUnreadableOnesDoNotCount() {
    registry.manifest(NGINX + ":latest", digest("nginx latest"));

    CheckResult result =
        checkOne(
            container(
                "retagged",
                "nginx:latest",
                List.of(REDIS + "@" + digest("nginx latest"), "not a reference@@")));

    assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
    assertThat(result.reason()).contains("has no registry digest");
  }

  @Test
  void anImagePinnedOnlyByDigestIsSkipped() {
    CheckResult result =
        checkOne(container("pinned", "nginx@" + digest("pinned"), List.of()));

    assertThat(result.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(result.reason()).isEqualTo("pinned to a digest");
    assertThat(registry.asked()).isEmpty();
  }

  @Test
  void anUnreadableImageReferenceIsAnErrorOnItsRow() {
    CheckResult result = checkOne(container("odd", "Nginx:LATEST!", List.of()));

    assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
    assertThat(result.reason()).contains("Nginx:LATEST!");
    assertThat(registry.asked()).isEmpty();
  }

  // --- semver policy -------------------------------------------------------------------------

  @Test
  void semverPolicyOffersTheNewestTagItsLevelAllows() {
    registry.tags(NGINX, NGINX_TAGS);

    CheckResult result =
        checkOne(container("web", "nginx:1.25.3", pulled(NGINX, digest("1.25.3"))));

    assertThat(result.status()).isEqualTo(CheckStatus.UPDATE_AVAILABLE);
    assertThat(result.policy()).isEqualTo("semver:minor");
    assertThat(result.update())
        .isEqualTo(
            new AvailableUpdate(UpdateKind.TAG, ImageReference.parse("nginx:1.27.0"), null));
    assertThat(registry.asked()).as("a fixed version tag is never re-pushed").containsExactly("tags " + NGINX);
  }

  @Test
  void semverPolicyWithoutANewerTagIsUpToDate() {
    registry.tags(NGINX, NGINX_TAGS);

    CheckResult result =
        checkOne(container("web", "nginx:1.27.0", pulled(NGINX, digest("1.27.0"))));

    assertThat(result.status()).isEqualTo(CheckStatus.UP_TO_DATE);
    assertThat(result.currentDigest()).isEqualTo(digest("1.27.0"));
  }

  @Test
  void semverPolicyOnAMovingTagAlsoComparesItsDigest() {
    registry.tags(NGINX, NGINX_TAGS).manifest(NGINX + ":1.27", digest("1.27 new"));

    CheckResult result =
        checkOne(
            container(
                "web", "nginx:1.27", Map.of("refit.policy", "semver:patch"), pulled(NGINX, digest("1.27 old"))));

    assertThat(result.status()).isEqualTo(CheckStatus.UPDATE_AVAILABLE);
    assertThat(result.update().kind()).isEqualTo(UpdateKind.DIGEST);
    assertThat(registry.asked()).containsExactly("tags " + NGINX, "head " + NGINX + ":1.27");
  }

  @Test
  void anExcludeFilterKeepsATagOut() {
    registry.tags(NGINX, NGINX_TAGS);

    CheckResult result =
        checkOne(
            container(
                "web", "nginx:1.25.3", Map.of("refit.exclude", "^1\\.27"), pulled(NGINX, digest("x"))));

    assertThat(result.update().image().tag()).isEqualTo("1.26.1");
  }

  @Test
  void anIncludeFilterKeepsOnlyMatchingTags() {
    registry.tags(NGINX, NGINX_TAGS);

    CheckResult result =
        checkOne(
            container(
                "web", "nginx:1.25.3", Map.of("refit.include", "^1\\.25\\."), pulled(NGINX, digest("x"))));

    assertThat(result.update().image().tag()).isEqualTo("1.25.5");
  }

  @Test
  void filtersThatLeaveNothingNewerAreUpToDate() {
    registry.tags(NGINX, NGINX_TAGS);

    CheckResult result =
        checkOne(
            container(
                "web", "nginx:1.25.3", Map.of("refit.include", "-alpine$"), pulled(NGINX, digest("x"))));

    assertThat(result.status()).isEqualTo(CheckStatus.UP_TO_DATE);
  }

  // --- bad labels: errors before any registry request ----------------------------------------

  @Test
  void anInvalidPolicyLabelIsAnErrorBeforeAnyRegistryRequest() {
    CheckResult result =
        checkOne(
            container(
                "web", "nginx:1.25.3", Map.of("refit.policy", "newest-please"), pulled(NGINX, digest("x"))));

    assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
    assertThat(result.policy()).isEqualTo("newest-please");
    assertThat(result.currentDigest()).as("still shows what it runs").isEqualTo(digest("x"));
    assertThat(result.reason()).isNotBlank().doesNotContain("\n");
    assertThat(registry.asked()).isEmpty();
  }

  @Test
  void semverOnATagThatIsNoVersionIsAnErrorBeforeAnyRegistryRequest() {
    CheckResult result =
        checkOne(container("web", "nginx:latest", Map.of("refit.policy", "semver"), List.of()));

    assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
    assertThat(result.reason()).contains("needs a version tag").contains("latest");
    assertThat(registry.asked()).isEmpty();
  }

  @Test
  void aLabelThatCannotBeUnderstoodIsAnErrorOnItsRow() {
    CheckResult result =
        checkOne(container("web", "nginx:latest", Map.of("refit.enable", "maybe"), List.of()));

    assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
    assertThat(result.reason()).isEqualTo("label refit.enable='maybe' must be true or false");
    assertThat(registry.asked()).isEmpty();
  }

  // --- disabled targets ----------------------------------------------------------------------

  @Test
  void aTargetThatOptedOutIsSkippedWithoutAsking() {
    CheckResult result =
        checkOne(container("web", "nginx:latest", Map.of("refit.enable", "false"), List.of()));

    assertThat(result.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(result.reason()).isEqualTo("disabled (label refit.enable)");
    assertThat(registry.asked()).isEmpty();
  }

  @Test
  void inOptInModeOnlyTargetsThatOptedInAreChecked() {
    registry.manifest(NGINX + ":latest", digest("nginx"));
    Target quiet = target("quiet", "nginx:latest", UpdateRules.fromLabels(Map.of(), true), List.of());
    Target keen =
        target(
            "keen",
            "nginx:latest",
            UpdateRules.fromLabels(Map.of("refit.enable", "true"), true),
            pulled(NGINX, digest("nginx")));

    List<CheckResult> results = check(List.of(quiet, keen));

    assertThat(results).extracting(CheckResult::status)
        .containsExactly(CheckStatus.SKIPPED, CheckStatus.UP_TO_DATE);
  }

  // --- failures stay on their rows -----------------------------------------------------------

  @Test
  void aRegistryErrorForOneImageIsAnErrorOnItsRowsOnly() {
    registry
        .tags(NGINX, NGINX_TAGS)
        .failing(
            REDIS,
            new RegistryException(
                RegistryException.Reason.UNAUTHORIZED,
                "docker.io",
                "library/redis",
                "registry docker.io refused the credentials for library/redis"));

    List<CheckResult> results =
        check(
            List.of(
                container("cache-1", "redis:7.2.4", pulled(REDIS, digest("redis"))),
                container("web", "nginx:1.25.3", pulled(NGINX, digest("nginx"))),
                container("cache-2", "redis:7.2.4", pulled(REDIS, digest("redis")))));

    assertThat(results).extracting(CheckResult::status)
        .containsExactly(CheckStatus.ERROR, CheckStatus.UPDATE_AVAILABLE, CheckStatus.ERROR);
    assertThat(results.get(0).reason())
        .isEqualTo("registry docker.io refused the credentials for library/redis");
    assertThat(results.get(0).currentDigest()).isEqualTo(digest("redis"));
  }

  @Test
  void aMissingTagIsAnErrorOnItsRow() {
    CheckResult result =
        checkOne(container("web", "nginx:latest", pulled(NGINX, digest("nginx"))));

    assertThat(result.status()).isEqualTo(CheckStatus.ERROR);
    assertThat(result.reason()).isEqualTo("registry docker.io has no nginx:latest");
  }

  @Test
  void aBugWhileCheckingOneImageIsAnInternalErrorOnItsRowOnly() {
    registry
        .tags(NGINX, NGINX_TAGS)
        .failing(REDIS, new IllegalStateException("boom"));

    List<CheckResult> results =
        check(
            List.of(
                container("cache", "redis:7.2.4", pulled(REDIS, digest("redis"))),
                container("web", "nginx:1.25.3", pulled(NGINX, digest("nginx")))));

    assertThat(results.get(0).status()).isEqualTo(CheckStatus.ERROR);
    assertThat(results.get(0).reason()).startsWith("internal error: ").contains("boom");
    assertThat(results.get(1).status()).isEqualTo(CheckStatus.UPDATE_AVAILABLE);
  }

  // --- one question each ---------------------------------------------------------------------

  @Test
  void targetsSharingAnImageShareOneQuestion() {
    registry.manifest(NGINX + ":latest", digest("nginx"));
    List<Target> replicas = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      replicas.add(container("web-" + i, i % 2 == 0 ? "nginx:latest" : "nginx", pulled(NGINX, digest("nginx"))));
    }

    List<CheckResult> results = check(replicas);

    assertThat(results).hasSize(20).extracting(CheckResult::status).containsOnly(CheckStatus.UP_TO_DATE);
    assertThat(registry.asked()).containsExactly("head " + NGINX + ":latest");
  }

  @Test
  void differentRulesOnOneRepositoryStillAskForItsTagsOnce() {
    registry.tags(NGINX, NGINX_TAGS).manifest(NGINX + ":1.25", digest("1.25"));

    List<CheckResult> results =
        check(
            List.of(
                container("a", "nginx:1.25.3", pulled(NGINX, digest("a"))),
                container("b", "nginx:1.25.3", Map.of("refit.policy", "semver:patch"), pulled(NGINX, digest("a"))),
                container("c", "nginx:1.25.3", Map.of("refit.exclude", "^1\\.27"), pulled(NGINX, digest("a"))),
                container("d", "nginx:1.25", pulled(NGINX, digest("1.25"))),
                container("e", "nginx:1.25", Map.of("refit.policy", "digest"), pulled(NGINX, digest("1.25")))));

    assertThat(results).extracting(r -> r.update() == null ? "-" : r.update().image().tag())
        .containsExactly("1.27.0", "1.25.5", "1.26.1", "1.26", "-");
    assertThat(Collections.frequency(registry.asked(), "tags " + NGINX)).isEqualTo(1);
    assertThat(Collections.frequency(registry.asked(), "head " + NGINX + ":1.25")).isEqualTo(1);
  }

  @Test
  void theSameRepositoryOnAnotherRegistryIsAnotherQuestion() {
    registry
        .manifest(NGINX + ":latest", digest("hub"))
        .manifest("ghcr.io/library/nginx:latest", digest("ghcr"));

    List<CheckResult> results =
        check(
            List.of(
                container("hub", "nginx:latest", pulled(NGINX, digest("hub"))),
                container("ghcr", "ghcr.io/library/nginx:latest", pulled("ghcr.io/library/nginx", digest("hub")))));

    assertThat(results).extracting(CheckResult::status)
        .containsExactly(CheckStatus.UP_TO_DATE, CheckStatus.UPDATE_AVAILABLE);
    assertThat(registry.asked()).hasSize(2);
  }

  // --- progress and lanes --------------------------------------------------------------------

  @Test
  void progressCountsImagesNotTargets() {
    registry.manifest(NGINX + ":latest", digest("nginx")).manifest(REDIS + ":7", digest("redis"));
    List<String> told = Collections.synchronizedList(new ArrayList<>());

    new UpdateChecker(registry, policies(), () -> AMD64, 2)
        .check(
            List.of(
                container("web-1", "nginx:latest", pulled(NGINX, digest("nginx"))),
                container("web-2", "nginx:latest", pulled(NGINX, digest("nginx"))),
                container("cache", "redis:7", pulled(REDIS, digest("redis"))),
                container("off", "nginx:latest", Map.of("refit.enable", "false"), List.of())),
            (done, total) -> told.add(done + "/" + total));

    assertThat(told).first().isEqualTo("0/2");
    assertThat(told).containsExactlyInAnyOrder("0/2", "1/2", "2/2");
  }

  @Test
  void nothingToAskMeansNoProgress() {
    List<String> told = new ArrayList<>();

    List<CheckResult> results =
        new UpdateChecker(registry, policies(), () -> AMD64, 2)
            .check(
                List.of(container("off", "nginx:latest", Map.of("refit.enable", "false"), List.of())),
                (done, total) -> told.add(done + "/" + total));

    assertThat(results).hasSize(1);
    assertThat(told).isEmpty();
  }

  @Test
  void aRegistryThatHangsHoldsUpOnlyItsOwnImages() throws InterruptedException {
    CountDownLatch otherAnswered = new CountDownLatch(1);
    Map<String, Boolean> waited = new HashMap<>();
    registry
        .manifest("slow.example:5000/app:latest", digest("slow"))
        .manifest(NGINX + ":latest", digest("nginx"))
        .whenAsked(
            "slow.example:5000",
            question -> {
              try {
                // one thread per lane: in a shared lane the other image would never be asked
                waited.put(question, otherAnswered.await(5, TimeUnit.SECONDS));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            })
        .whenAsked("registry-1.docker.io", question -> otherAnswered.countDown());

    List<CheckResult> results =
        new UpdateChecker(registry, policies(), () -> AMD64, 1)
            .check(
                List.of(
                    container("slow", "slow.example:5000/app:latest", pulled("slow.example:5000/app", digest("slow"))),
                    container("web", "nginx:latest", pulled(NGINX, digest("nginx")))),
                CheckProgress.none());

    assertThat(results).extracting(CheckResult::status).containsOnly(CheckStatus.UP_TO_DATE);
    assertThat(waited).containsEntry("head slow.example:5000/app:latest", true);
  }

  @Test
  void resultsKeepTheTargetsOrder() {
    registry.manifest(NGINX + ":latest", digest("nginx")).manifest(REDIS + ":7", digest("redis"));
    List<Target> targets =
        List.of(
            container("c", "redis:7", pulled(REDIS, digest("redis"))),
            container("b", "nginx:latest", Map.of("refit.enable", "false"), List.of()),
            container("a", "nginx:latest", pulled(NGINX, digest("nginx"))));

    assertThat(check(targets)).extracting(CheckResult::target).containsExactlyElementsOf(targets);
  }

  // --- helpers -------------------------------------------------------------------------------

  private CheckResult checkOne(Target target) {
    List<CheckResult> results = check(List.of(target));
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  private List<CheckResult> check(List<Target> targets) {
    Supplier<Platform> engine =
        () -> {
          platformAsked.incrementAndGet();
          return AMD64;
        };
    return new UpdateChecker(registry, policies(), engine, 4).check(targets, CheckProgress.none());
  }

  private static PolicyResolver policies() {
    return new PolicyResolver(PolicyDefaults.standard());
  }

  private static Digest digest(String content) {
    return Digest.sha256(content);
  }

  /** The RepoDigests entry {@code docker pull} records. */
  private static List<String> pulled(String repository, Digest digest) {
    return List.of(repository + "@" + digest);
  }

  private static Target container(String name, String image, List<String> repoDigests) {
    return container(name, image, Map.of(), repoDigests);
  }

  private static Target container(
      String name, String image, Map<String, String> labels, List<String> repoDigests) {
    return target(name, image, UpdateRules.fromLabels(labels, false), repoDigests);
  }

  private static Target target(String name, String image, UpdateRules rules, List<String> repoDigests) {
    return new Target(
        TargetKind.CONTAINER,
        "id-" + name,
        name,
        "unix:///fake.sock",
        image,
        "sha256:" + Digest.sha256(name).encoded(),
        repoDigests,
        rules);
  }
}
