package dev.refit.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.config.WebhookSettings;
import dev.refit.image.ImageName;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Payload samples from each registry's documentation, and the secrets that guard them. */
class WebhooksTest {
  private static final WebhookSettings SETTINGS =
      new WebhookSettings("shared-secret", Map.of("ghcr", "github-hmac-secret"));

  private final List<Set<ImageName>> rechecks = new ArrayList<>();
  private final Webhooks webhooks = new Webhooks(SETTINGS, (images, trigger) -> rechecks.add(images));

  private static byte[] sample(String kind) throws IOException {
    try (InputStream in = WebhooksTest.class.getResourceAsStream("/webhooks/" + kind + ".json")) {
      return in.readAllBytes();
    }
  }

  private static WebhookRequest request(String kind, String token, Map<String, String> headers, byte[] body) {
    return new WebhookRequest(kind, token, headers, body);
  }

  @Test
  void documentedSamplesNameTheirRepositories() throws IOException {
    assertThat(webhooks.handle(request("dockerhub", "shared-secret", Map.of(), sample("dockerhub"))))
        .containsExactly(new ImageName("docker.io", "svendowideit/testhook"));
    byte[] ghcr = sample("ghcr");
    assertThat(
            webhooks.handle(
                request(
                    "ghcr",
                    null,
                    Map.of(
                        "X-GitHub-Event", "package",
                        "X-Hub-Signature-256", WebhookSecrets.signature("github-hmac-secret", ghcr)),
                    ghcr)))
        .containsExactly(new ImageName("ghcr.io", "octo-org/hello-world"));
    assertThat(webhooks.handle(request("quay", "shared-secret", Map.of(), sample("quay"))))
        .containsExactly(new ImageName("quay.io", "mynamespace/repository"));
    assertThat(
            webhooks.handle(
                request("harbor", null, Map.of("Authorization", "shared-secret"), sample("harbor"))))
        .containsExactly(new ImageName("hub.harbor.com", "test-webhook/debian"));
    // one manifest push among blob pushes and pulls
    assertThat(
            webhooks.handle(
                request("distribution", null, Map.of("Authorization", "Bearer shared-secret"), sample("distribution"))))
        .containsExactly(new ImageName("192.168.100.227:5000", "hello-world"));
    assertThat(
            webhooks.handle(
                request("generic", null, Map.of("X-Refit-Token", "shared-secret"),
                    "{\"image\": \"nginx:1.25\"}".getBytes(StandardCharsets.UTF_8))))
        .containsExactly(new ImageName("docker.io", "library/nginx"));
    assertThat(rechecks).hasSize(6);
  }

  @Test
  void officialDockerHubImagesLiveUnderLibrary() {
    byte[] body = "{\"push_data\": {\"tag\": \"1\"}, \"repository\": {\"repo_name\": \"nginx\"}}".getBytes(StandardCharsets.UTF_8);
    assertThat(webhooks.handle(request("dockerhub", "shared-secret", Map.of(), body)))
        .containsExactly(new ImageName("docker.io", "library/nginx"));
  }

  @Test
  void aBadOrMissingSignatureIsRefusedAndChangesNothing() throws IOException {
    byte[] ghcr = sample("ghcr");
    byte[] tampered = new String(ghcr, StandardCharsets.UTF_8).replace("hello-world", "evil").getBytes(StandardCharsets.UTF_8);
    String signature = WebhookSecrets.signature("github-hmac-secret", ghcr);
    assertThatThrownBy(
            () -> webhooks.handle(request("ghcr", null, Map.of("X-Hub-Signature-256", signature), tampered)))
        .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(401))
        .hasMessage("X-Hub-Signature-256 does not match the body and the configured secret");
    assertThatThrownBy(
            () -> webhooks.handle(request("ghcr", null, Map.of("X-Hub-Signature-256",
                WebhookSecrets.signature("guessed", ghcr)), ghcr)))
        .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThatThrownBy(() -> webhooks.handle(request("ghcr", "github-hmac-secret", Map.of(), ghcr)))
        .hasMessage("missing X-Hub-Signature-256 signature");
    assertThatThrownBy(() -> webhooks.handle(request("quay", "wrong", Map.of(), sample("quay"))))
        .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(401))
        .hasMessage("missing or wrong webhook secret");
    assertThatThrownBy(() -> webhooks.handle(request("harbor", null, Map.of(), sample("harbor"))))
        .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(401));
    assertThat(rechecks).isEmpty();
  }

  @Test
  void withoutAConfiguredSecretEveryRequestIsRefused() throws IOException {
    Webhooks open = new Webhooks(WebhookSettings.defaults(), (images, trigger) -> rechecks.add(images));
    assertThatThrownBy(() -> open.handle(request("quay", "", Map.of(), sample("quay"))))
        .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(401))
        .hasMessageContaining("no secret is configured for quay webhooks");
    assertThat(rechecks).isEmpty();
  }

  @Test
  void malformedOrForeignBodiesGet400WithAReason() throws IOException {
    assertThatThrownBy(() -> webhooks.handle(request("quay", "shared-secret", Map.of(), "{not json".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageStartingWith("the body is not valid JSON");
    assertThatThrownBy(() -> webhooks.handle(request("quay", "shared-secret", Map.of(), sample("dockerhub"))))
        .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessage("not a Quay payload: docker_url is missing");
    assertThatThrownBy(() -> webhooks.handle(request("dockerhub", "shared-secret", Map.of(), sample("quay"))))
        .hasMessage("not a Docker Hub payload: repository.repo_name is missing");
    assertThatThrownBy(() -> webhooks.handle(request("generic", "shared-secret", Map.of(), "{\"image\": \"no spaces allowed\"}".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("invalid image reference 'no spaces allowed'");
    assertThatThrownBy(() -> webhooks.handle(request("generic", "shared-secret", Map.of(), "[]".getBytes(StandardCharsets.UTF_8))))
        .hasMessage("the body is not a JSON object");
    assertThatThrownBy(() -> webhooks.handle(request("gitlab", "shared-secret", Map.of(), "{}".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOfSatisfying(WebhookRejected.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(rechecks).isEmpty();
  }

  @Test
  void eventsRefitDoesNotActOnAreAcceptedButRecheckNothing() {
    byte[] pull = "{\"events\": [{\"action\": \"pull\", \"target\": {\"repository\": \"app\", \"tag\": \"1\", \"mediaType\": \"application/vnd.oci.image.manifest.v1+json\"}}]}".getBytes(StandardCharsets.UTF_8);
    assertThat(webhooks.handle(request("distribution", "shared-secret", Map.of(), pull))).isEmpty();
    byte[] ping = "{\"zen\": \"Keep it logically awesome.\", \"hook_id\": 1}".getBytes(StandardCharsets.UTF_8);
    assertThat(webhooks.handle(request("ghcr", null, Map.of("X-GitHub-Event", "ping",
        "X-Hub-Signature-256", WebhookSecrets.signature("github-hmac-secret", ping)), ping))).isEmpty();
    assertThat(rechecks).isEmpty();
  }

  @Test
  void namesMatchRunningImagesByRegistryAndRepository() {
    ImageName local = ImageName.parse("localhost:5000/app");
    assertThat(local.matches(dev.refit.image.ImageReference.parse("127.0.0.1:5000/app:1.0.0"))).isTrue();
    assertThat(local.matches(dev.refit.image.ImageReference.parse("127.0.0.1:5001/app:1.0.0"))).isFalse();
    assertThat(local.matches(dev.refit.image.ImageReference.parse("127.0.0.1:5000/other:1.0.0"))).isFalse();
    assertThat(ImageName.parse("nginx").matches(dev.refit.image.ImageReference.parse("docker.io/library/nginx:1"))).isTrue();
  }

  private Set<ImageName> github(Webhooks hooks, String event, String delivery, byte[] body) {
    return hooks.handle(
        request(
            "ghcr",
            null,
            Map.of(
                "X-GitHub-Event", event,
                "X-GitHub-Delivery", delivery,
                "X-Hub-Signature-256", WebhookSecrets.signature("github-hmac-secret", body)),
            body));
  }

  @Test
  void githubsOwnPackageExamplesWithAnEmptyTagAndCapitalsNameTheRepository() throws IOException {
    // package_type "npm" beside ecosystem "docker" and registry type CONTAINER, package_url
    // "ghcr.io/Codertocat/hello-world:": never a 400 for GitHub's own examples
    assertThat(github(webhooks, "package", "d1", sample("ghcr-package-example")))
        .containsExactly(new ImageName("ghcr.io", "codertocat/hello-world"));
    assertThat(github(webhooks, "registry_package", "d2", sample("ghcr-registry-package-example")))
        .containsExactly(new ImageName("ghcr.io", "codertocat/hello-world"));
    assertThat(rechecks).hasSize(2);
  }

  @Test
  void aRedeliveredGithubEventRechecksOnceWhileRemembered() throws IOException {
    FakeClock clock = new FakeClock();
    Webhooks hooks = new Webhooks(SETTINGS, (images, trigger) -> rechecks.add(images), clock);
    byte[] body = sample("ghcr-package-example");

    assertThat(github(hooks, "package", "72d3162e-cc78-11e3-81ab-4c9367dc0958", body)).hasSize(1);
    assertThat(github(hooks, "package", "72d3162e-cc78-11e3-81ab-4c9367dc0958", body)).isEmpty();
    assertThat(github(hooks, "package", "another-delivery", body)).hasSize(1);
    clock.now = clock.now.plus(RecentDeliveries.KEPT).plusSeconds(1);
    assertThat(github(hooks, "package", "72d3162e-cc78-11e3-81ab-4c9367dc0958", body)).hasSize(1);
    assertThat(rechecks).hasSize(3);
    // an unsigned copy cannot mark a delivery as seen
    assertThatThrownBy(
            () -> hooks.handle(request("ghcr", null, Map.of("X-GitHub-Delivery", "fresh", "X-Hub-Signature-256", "sha256=00"), body)))
        .isInstanceOf(WebhookRejected.class);
    assertThat(github(hooks, "package", "fresh", body)).hasSize(1);
  }

  @Test
  void harborCloudEventsPushesRecheckAndOtherCloudEventsDoNot() throws IOException {
    assertThat(webhooks.handle(request("harbor", null, Map.of("Authorization", "shared-secret"), sample("harbor-cloudevents"))))
        .containsExactly(new ImageName("localhost", "harbor/alpine"));
    assertThat(webhooks.handle(request("harbor", null, Map.of("Authorization", "shared-secret"), sample("harbor-cloudevents-pull"))))
        .isEmpty();
    assertThat(rechecks).hasSize(1);
  }

  @Test
  void quaysOlderPayloadWithUpdatedTagsAsAnObjectIsAccepted() throws IOException {
    assertThat(webhooks.handle(request("quay", "shared-secret", Map.of(), sample("quay-old"))))
        .containsExactly(new ImageName("quay.io", "mynamespace/repository"));
  }

  @Test
  void anOciImageIndexPushFromBuildxRechecksLikeAManifestPush() throws IOException {
    assertThat(
            webhooks.handle(
                request("distribution", null, Map.of("Authorization", "Bearer shared-secret"), sample("distribution-index"))))
        .containsExactly(new ImageName("192.168.100.227:5000", "hello-world"));
  }

  private static final class FakeClock extends java.time.Clock {
    java.time.Instant now = java.time.Instant.parse("2026-03-04T12:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }
  }
}
