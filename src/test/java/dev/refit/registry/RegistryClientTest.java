package dev.refit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.registry.RegistryException.Reason;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoints through the client, against a local server that answers as registries do. Tag
 * list bodies are the ones real registries sent: ECR's {@code text/plain} answer and a Docker Hub
 * transcript from joyent/node-docker-registry-client's docs.
 */
class RegistryClientTest {
  private static final String HUB_BUSYBOX =
      "{\"name\":\"library/busybox\",\"tags\":[\"buildroot-2013.08.1\",\"buildroot-2014.02\",\"latest\","
          + "\"ubuntu-12.04\",\"ubuntu-14.04\"]}";
  private static final String ECR_BUSYBOX = "{\"name\":\"library/busybox\",\"tags\":[\"latest\"]}";
  /** A Docker v2 manifest as distribution serves it for a one-layer image. */
  private static final String MANIFEST =
      "{\n   \"schemaVersion\": 2,\n   \"mediaType\": \"application/vnd.docker.distribution.manifest.v2+json\",\n"
          + "   \"config\": {\n      \"mediaType\": \"application/vnd.docker.container.image.v1+json\",\n"
          + "      \"size\": 1457,\n      \"digest\": \"sha256:" + "a".repeat(64) + "\"\n   },\n"
          + "   \"layers\": [\n      {\n         \"mediaType\": \"application/vnd.docker.image.rootfs.diff.tar.gzip\",\n"
          + "         \"size\": 2220094,\n         \"digest\": \"sha256:" + "b".repeat(64) + "\"\n      }\n   ]\n}";

  private final LocalServer server = new LocalServer();
  private RegistryClient client;

  @BeforeEach
  void start() {
    server.answer("/v2/", 200, Map.of("Docker-Distribution-Api-Version", "registry/2.0"), "{}");
    client = client(RegistrySettings.builder());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static RegistryClient client(RegistrySettings.Builder settings) {
    return RegistryClient.create(settings.retries(2, Duration.ofMillis(1)).build(), CredentialStore.none());
  }

  private ImageReference image(String repositoryAndTag) {
    return ImageReference.parse(server.address() + "/" + repositoryAndTag);
  }

  @Test
  void headReadsTheDigestHeaderAndAsksForEveryManifestType() {
    Digest digest = Digest.sha256(MANIFEST.getBytes(StandardCharsets.UTF_8));
    server.answer(
        "/v2/library/busybox/manifests/latest",
        200,
        Map.of(
            "Docker-Content-Digest", digest.toString(),
            "Content-Type", ManifestMediaTypes.DOCKER_V2),
        "");
    ManifestDescriptor head = client.headManifest(image("library/busybox:latest"));
    assertThat(head.digest()).isEqualTo(digest);
    assertThat(head.mediaType()).isEqualTo(ManifestMediaTypes.DOCKER_V2);
    LocalServer.Seen seen = server.requests().get(1);
    assertThat(seen.method()).isEqualTo("HEAD");
    assertThat(seen.header("Accept")).isEqualTo(ManifestMediaTypes.ACCEPT);
    assertThat(server.count("GET", "/v2/library/busybox/manifests/latest")).isZero();
  }

  @Test
  void withoutADigestHeaderTheManifestIsFetchedAndHashed() {
    server.answer(
        "/v2/app/manifests/1.0.0",
        200,
        Map.of("Content-Type", ManifestMediaTypes.DOCKER_V2),
        MANIFEST);
    ManifestDescriptor head = client.headManifest(image("app:1.0.0"));
    assertThat(head.digest()).isEqualTo(Digest.sha256(MANIFEST.getBytes(StandardCharsets.UTF_8)));
    assertThat(head.size()).isEqualTo(MANIFEST.length());
    assertThat(server.count("HEAD", "/v2/app/manifests/1.0.0")).isEqualTo(1);
    assertThat(server.count("GET", "/v2/app/manifests/1.0.0")).isEqualTo(1);
  }

  @Test
  void manifestErrorsAreNamed() {
    server.answer(
        "/v2/app/manifests/9.9.9",
        404,
        Map.of("Content-Type", "application/json"),
        "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\",\"detail\":{\"Tag\":\"9.9.9\"}}]}");
    assertThatThrownBy(() -> client.getManifest(image("app:9.9.9")))
        .hasMessage("tag '9.9.9' does not exist in " + server.address() + "/app")
        .extracting(e -> ((RegistryException) e).reason())
        .isEqualTo(Reason.NOT_FOUND);
    server.answer(
        "/v2/app/manifests/old",
        200,
        Map.of("Content-Type", "application/vnd.docker.distribution.manifest.v1+prettyjws"),
        "{\"schemaVersion\":1,\"name\":\"app\",\"tag\":\"old\",\"fsLayers\":[]}");
    assertThatThrownBy(() -> client.getManifest(image("app:old")))
        .hasMessage(
            "registry " + server.address()
                + " answered a schema 1 manifest; Refit understands schema 2 and OCI manifests only");
  }

  @Test
  void tagListsAsRealRegistriesSendThem() {
    // the first page is Docker Hub's (plus a cosign tag), the second page (same path, other query) is ECR's text/plain answer
    server.on(
        "/v2/library/busybox/tags/list",
        ex -> {
          boolean second = ex.getRequestURI().getRawQuery().startsWith("last=");
          LocalServer.send(
              ex,
              200,
              second
                  ? Map.of("Content-Type", "text/plain; charset=utf-8")
                  : Map.of(
                      "Content-Type", "application/json",
                      "Link", "</v2/library/busybox/tags/list?last=ubuntu-14.04&n=1000>; rel=\"next\""),
              second
                  ? ECR_BUSYBOX.replace("latest", "1.37")
                  : HUB_BUSYBOX.replace("\"latest\",", "\"latest\",\"sha256-" + "c".repeat(64) + ".sig\","));
        });
    TagList tags = client.listTags(image("library/busybox:latest"));
    assertThat(tags.tags())
        .containsExactly(
            "buildroot-2013.08.1", "buildroot-2014.02", "latest", "ubuntu-12.04", "ubuntu-14.04", "1.37");
    assertThat(tags.pages()).isEqualTo(2);
    assertThat(server.requests().get(1).query()).isEqualTo("n=1000");
    assertThat(server.requests().get(2).query()).isEqualTo("last=ubuntu-14.04&n=1000");
  }

  @Test
  void aTagListOverTheCapIsAnErrorOnItsRowWhateverItsPages() {
    // each page fits under the cap, together they do not: the cap is for the whole list
    String page = "{\"name\":\"app\",\"tags\":[" + "\"1.0.0-build.0000000001\",".repeat(30) + "\"1.0.0\"]}";
    server.on(
        "/v2/app/tags/list",
        ex ->
            LocalServer.send(
                ex,
                200,
                Map.of("Link", "</v2/app/tags/list?last=x" + System.nanoTime() + ">; rel=\"next\""),
                page));
    RegistryClient capped = client(RegistrySettings.builder().maxAnswerBytes(2 * page.length() + 10));
    assertThatThrownBy(() -> capped.listTags(image("app:1.0.0")))
        .hasMessage(
            "registry " + server.address() + " sent more than " + (2 * page.length() + 10)
                + " for the tags of " + server.address()
                + "/app; Refit stops reading there (raise registry.maxAnswerSize)")
        .extracting(e -> ((RegistryException) e).reason())
        .isEqualTo(Reason.TOO_LARGE);
    assertThat(server.count("GET", "/v2/app/tags/list")).isEqualTo(3);
  }

  @Test
  void aHugeManifestOrTagListIsCutOffNotBuffered() {
    AtomicLong written = new AtomicLong();
    server.on(
        "/v2/huge/tags/list",
        ex -> {
          ex.sendResponseHeaders(200, 0); // chunked: no length to refuse up front
          byte[] chunk = "\"1.0.0-padding-padding-padding\",".repeat(2048).getBytes(StandardCharsets.UTF_8);
          try (OutputStream out = ex.getResponseBody()) {
            out.write("{\"tags\":[".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 16 * 1024; i++) { // ~1 GB if nobody stops it
              out.write(chunk);
              written.addAndGet(chunk.length);
            }
          }
        });
    server.on(
        "/v2/huge/manifests/1.0.0",
        ex -> {
          ex.sendResponseHeaders(200, 0);
          byte[] chunk = " ".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
          try (OutputStream out = ex.getResponseBody()) {
            out.write("{\"schemaVersion\":2,".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 16 * 1024; i++) {
              out.write(chunk);
              written.addAndGet(chunk.length);
            }
          }
        });
    RegistryClient capped = client(RegistrySettings.builder().maxAnswerBytes(4L * 1024 * 1024));
    assertThatThrownBy(() -> capped.listTags(image("huge:1.0.0")))
        .hasMessageEndingWith("sent more than 4MB for the tags of " + server.address()
            + "/huge; Refit stops reading there (raise registry.maxAnswerSize)");
    assertThatThrownBy(() -> capped.getManifest(image("huge:1.0.0")))
        .hasMessageEndingWith("sent more than 4MB for the manifest of " + server.address()
            + "/huge:1.0.0; Refit stops reading there (raise registry.maxAnswerSize)")
        .extracting(e -> ((RegistryException) e).reason())
        .isEqualTo(Reason.TOO_LARGE);
    assertThat(written.get()).isLessThan(2L * 64 * 1024 * 1024);
  }

  @Test
  void aBearerRegistryEndToEnd() {
    server.answer(
        "/v2/",
        401,
        Map.of("Www-Authenticate", "Bearer realm=\"http://" + server.address() + "/token\",service=\"local\""),
        "");
    server.answer("/token", 200, Map.of(), "{\"token\":\"t\"}");
    server.on(
        "/v2/app/tags/list",
        ex -> {
          boolean authorized = "Bearer t".equals(ex.getRequestHeaders().getFirst("Authorization"));
          LocalServer.send(ex, authorized ? 200 : 401, Map.of(), "{\"name\":\"app\",\"tags\":[\"1\"]}");
        });
    assertThat(client.listTags(image("app:1")).tags()).containsExactly("1");
    assertThat(server.requests()).extracting(LocalServer.Seen::path)
        .containsExactly("/v2/", "/token", "/v2/app/tags/list");
  }
}
