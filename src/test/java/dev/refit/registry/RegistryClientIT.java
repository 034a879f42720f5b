package dev.refit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.registry.RegistryException.Reason;
import dev.refit.testing.Fault;
import dev.refit.testing.FaultProxy;
import dev.refit.testing.TestEnvironment;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry client against the real test registry, with a fault-injecting proxy in front where
 * a test needs the registry to misbehave (429, 5xx, garbage, missing headers, paging, slowness).
 */
class RegistryClientIT {
  private final TestEnvironment env = TestEnvironment.get();
  private final Map<String, String> standard = env.standardDigests();
  private FaultProxy proxy;
  private RegistryClient client;

  @BeforeEach
  void start() {
    proxy = FaultProxy.start(env.registry());
    client = newClient(RegistrySettings.builder().retries(3, Duration.ofMillis(20)).build());
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  private static RegistryClient newClient(RegistrySettings settings) {
    return RegistryClient.create(settings, CredentialStore.none());
  }

  private ImageReference viaProxy(String repositoryAndTag) {
    return ImageReference.parse(proxy.address() + "/" + repositoryAndTag);
  }

  @Test
  void headReadsTheDigestWithOneRequestAfterOnePing() {
    ManifestDescriptor head = client.headManifest(viaProxy("app:1.0.0"));
    assertThat(head.digest()).isEqualTo(Digest.parse(standard.get("app:1.0.0")));
    assertThat(head.mediaType()).isEqualTo(ManifestMediaTypes.DOCKER_V2);
    assertThat(head.isIndex()).isFalse();
    client.headManifest(viaProxy("app:1.0.1"));
    assertThat(proxy.count("GET", "/v2/")).isEqualTo(1);
    assertThat(proxy.count("HEAD", "/v2/app/manifests/.*")).isEqualTo(2);
    assertThat(proxy.count("GET", "/v2/app/manifests/.*")).isZero();
    assertThat(client.stats()).singleElement().satisfies(s -> assertThat(s.requests()).isEqualTo(3));
  }

  @Test
  void withoutDockerContentDigestTheManifestIsFetchedAndHashed() {
    proxy.inject(Fault.dropHeader("Docker-Content-Digest").on("HEAD", "/v2/app/manifests/.*"));
    ManifestDescriptor head = client.headManifest(viaProxy("app:1.0.0"));
    assertThat(head.digest()).isEqualTo(Digest.parse(standard.get("app:1.0.0")));
    assertThat(proxy.count("GET", "/v2/app/manifests/1.0.0")).isEqualTo(1);
  }

  @Test
  void tagListsFollowLinkPagesAndSkipSignatureTags() {
    proxy.inject(Fault.paginateTags(1000));
    RegistryClient pager =
        newClient(RegistrySettings.builder().tagPages(3, 10).build());
    TagList tags = pager.listTags(viaProxy("app:1.0.0"));
    assertThat(tags.tags()).containsExactlyInAnyOrderElementsOf(TestEnvironment.APP_TAGS);
    assertThat(tags.pages()).isEqualTo(4);
    assertThat(proxy.count("GET", "/v2/app/tags/list")).isEqualTo(4);
  }

  @Test
  void tooManyPagesAreAnErrorNotASilentlyShortList() {
    proxy.inject(Fault.paginateTags(1000));
    RegistryClient pager = newClient(RegistrySettings.builder().tagPages(2, 3).build());
    assertThatThrownBy(() -> pager.listTags(viaProxy("app:1.0.0")))
        .hasMessage(
            "registry " + proxy.address()
                + " has more than 3 pages of tags for app; Refit stops there (raise"
                + " registry.maxTagPages)");
  }

  @Test
  void aPageLinkToAnotherHostIsRefused() {
    proxy.inject(
        Fault.respond(
                200,
                Map.of(
                    "Content-Type", "application/json",
                    "Link", "<http://127.0.0.2:9/v2/app/tags/list?last=1.0.0>; rel=\"next\""),
                "{\"name\":\"app\",\"tags\":[\"1.0.0\",\"sha256-" + "a".repeat(64) + ".sig\"]}")
            .on("GET", "/v2/app/tags/list"));
    assertThatThrownBy(() -> client.listTags(viaProxy("app:1.0.0")))
        .isInstanceOf(RegistryException.class)
        .hasMessage("registry " + proxy.address() + " sent a tag page link to another host (127.0.0.2:9)");
  }

  @Test
  void serverErrorsAreRetriedThenReported() {
    proxy.inject(Fault.status(503).on("HEAD", "/v2/app/manifests/1.0.0").times(2));
    assertThat(client.headManifest(viaProxy("app:1.0.0")).digest().toString())
        .isEqualTo(standard.get("app:1.0.0"));
    assertThat(proxy.count("HEAD", "/v2/app/manifests/1.0.0")).isEqualTo(3);

    proxy.inject(Fault.status(500).on("GET", "/v2/app/tags/list"));
    assertThatThrownBy(() -> client.listTags(viaProxy("app:1.0.0")))
        .isInstanceOf(RegistryException.class)
        .hasMessage(
            "registry " + proxy.address() + " failed to send the tags of " + proxy.address()
                + "/app (500, still after retries): injected by FaultProxy: 500")
        .extracting(e -> ((RegistryException) e).reason())
        .isEqualTo(Reason.UNAVAILABLE);
    assertThat(proxy.count("GET", "/v2/app/tags/list")).isEqualTo(3);
  }

  @Test
  void tooManyRequestsStopsAskingThatHostForTheRun() {
    proxy.inject(Fault.tooManyRequests(Duration.ofSeconds(60)).on("HEAD", "/v2/app/manifests/.*"));
    String because =
        "registry " + proxy.address()
            + " is rate-limiting Refit (429, retry after 60); not asking it again in this run";
    assertThatThrownBy(() -> client.headManifest(viaProxy("app:1.0.0")))
        .isInstanceOf(RegistryException.class)
        .hasMessage(because)
        .extracting(e -> ((RegistryException) e).reason())
        .isEqualTo(Reason.RATE_LIMITED);
    int before = proxy.requests().size();
    assertThatThrownBy(() -> client.listTags(viaProxy("other:1.0.0"))).hasMessage(because);
    assertThat(proxy.requests()).hasSize(before);
    assertThat(client.stats()).singleElement().satisfies(s -> assertThat(s.rateLimited()).isTrue());
  }

  @Test
  void rateLimitHeadersAreRead() {
    proxy.inject(
        Fault.respond(
                200,
                Map.of(
                    "Content-Type", "application/json",
                    "ratelimit-limit", "100;w=21600",
                    "ratelimit-remaining", "76;w=21600"),
                "{\"name\":\"app\",\"tags\":[\"1.0.0\"]}")
            .on("GET", "/v2/app/tags/list"));
    client.listTags(viaProxy("app:1.0.0"));
    assertThat(client.stats()).singleElement().satisfies(s -> assertThat(s.rateLimitRemaining()).isEqualTo(76));
  }

  @Test
  void garbageIsReportedNotTrusted() {
    proxy.inject(Fault.garbageBody().on("GET", "/v2/app/tags/list"));
    assertThatThrownBy(() -> client.listTags(viaProxy("app:1.0.0")))
        .hasMessage("registry " + proxy.address() + " answered a tag list that is not JSON");
    proxy.inject(Fault.garbageBody().on("GET", "/v2/app/manifests/.*"));
    assertThatThrownBy(() -> client.getManifest(viaProxy("app:1.0.0")))
        .hasMessage("registry " + proxy.address() + " answered a manifest that is not JSON");
    proxy.clearFaults();
    proxy.inject(
        Fault.respond(200, Map.of("Docker-Content-Digest", "not-a-digest"), "")
            .on("HEAD", "/v2/app/manifests/1.0.1"));
    // a digest header that is not a digest is ignored: the manifest is fetched and hashed instead
    assertThat(client.headManifest(viaProxy("app:1.0.1")).digest().toString())
        .isEqualTo(standard.get("app:1.0.1"));
  }

  @Test
  void missingTagsAndRepositoriesAreNamed() {
    assertThatThrownBy(() -> client.headManifest(viaProxy("app:9.9.9")))
        .hasMessage("tag '9.9.9' or repository app does not exist on " + proxy.address())
        .extracting(e -> ((RegistryException) e).reason())
        .isEqualTo(Reason.NOT_FOUND);
    assertThatThrownBy(() -> client.getManifest(viaProxy("app:9.9.9")))
        .hasMessage("tag '9.9.9' does not exist in " + proxy.address() + "/app");
    assertThatThrownBy(() -> client.listTags(viaProxy("nothing-here:1")))
        .hasMessage("repository nothing-here does not exist on " + proxy.address());
  }

  @Test
  void aSlowAnswerTimesOutOnceAndClosesTheHostForTheRun() {
    RegistryClient impatient =
        newClient(
            RegistrySettings.builder()
                .requestTimeout(Duration.ofMillis(300))
                .retries(3, Duration.ofMillis(10))
                .build());
    proxy.inject(Fault.delay(Duration.ofSeconds(2)).on("HEAD", "/v2/app/manifests/1.0.0"));
    String because =
        "registry " + proxy.address()
            + " did not answer HEAD /v2/app/manifests/1.0.0 within 300ms (registry.timeout);"
            + " not asking it again in this run";
    assertThatThrownBy(() -> impatient.headManifest(viaProxy("app:1.0.0")))
        .hasMessage(because)
        .extracting(e -> ((RegistryException) e).reason())
        .isEqualTo(Reason.UNAVAILABLE);
    // a timeout is not retried like a 5xx, and the rest of the run fails fast with the same reason
    assertThatThrownBy(() -> impatient.listTags(viaProxy("other:1.0.0"))).hasMessage(because);
    assertThat(impatient.stats()).singleElement().satisfies(s -> assertThat(s.requests()).isEqualTo(2));
    // the proxy records a request once it has answered it, after its delay
    await().atMost(Duration.ofSeconds(10)).until(() -> proxy.requests().size() == 2);
    assertThat(proxy.count("GET", "/v2/")).isEqualTo(1);
    assertThat(proxy.count("HEAD", "/v2/app/manifests/1.0.0")).isEqualTo(1);
  }

  @Test
  void anAnswerOverTheCapIsAnErrorNotAHeap() {
    RegistryClient capped =
        newClient(RegistrySettings.builder().maxAnswerBytes(1024).build());
    String bigList =
        "{\"name\":\"app\",\"tags\":[" + "\"1.0.0-padding\",".repeat(200) + "\"1.0.0\"]}";
    proxy.inject(
        Fault.respond(200, Map.of("Content-Type", "application/json"), bigList)
            .on("GET", "/v2/app/tags/list"));
    assertThatThrownBy(() -> capped.listTags(viaProxy("app:1.0.0")))
        .hasMessage(
            "registry " + proxy.address() + " sent more than 1KB for the tags of "
                + proxy.address() + "/app; Refit stops reading there (raise registry.maxAnswerSize)")
        .extracting(e -> ((RegistryException) e).reason())
        .isEqualTo(Reason.TOO_LARGE);
    // the real registry's answers stay well under the cap
    assertThat(capped.headManifest(viaProxy("other:1.0.0")).digest().toString())
        .isEqualTo(standard.get("other:1.0.0"));
  }

  @Test
  void anUnreachableRegistryIsAskedOnceNotPerImage() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ImageReference a = ImageReference.parse("127.0.0.1:" + port + "/a:1");
    ImageReference b = ImageReference.parse("127.0.0.1:" + port + "/b:1");
    String message =
        "registry 127.0.0.1:" + port + " did not answer GET /v2/ after 3 tries: connection refused";
    assertThatThrownBy(() -> client.headManifest(a)).hasMessage(message);
    assertThatThrownBy(() -> client.listTags(b)).hasMessage(message);
    assertThat(client.stats()).singleElement().satisfies(s -> assertThat(s.requests()).isEqualTo(3));
  }
}
