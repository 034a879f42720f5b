package dev.refit.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.image.Platform;
import dev.refit.registry.CredentialStore;
import dev.refit.registry.ImageIndex;
import dev.refit.registry.ManifestMediaTypes;
import dev.refit.registry.RegistryClient;
import dev.refit.registry.RegistryException;
import dev.refit.registry.RegistrySettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production adapter asks a {@link RegistryClient}; here against a loopback server that answers
 * one manifest, to pin down the one thing the adapter does itself: reading an index.
 */
class ClientRegistryQuestionsTest {
  /** The example image index of the OCI image spec (image-spec, image-index.md), served as is. */
  private static final String OCI_SPEC_INDEX =
      """
      {
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": [
          {
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "size": 7143,
            "digest": "sha256:e692418e4cbaf90ca69d05a66403747baa33ee08806650b51fab815ad7fc331f",
            "platform": {
              "architecture": "ppc64le",
              "os": "linux"
            }
          },
          {
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "size": 7682,
            "digest": "sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270",
            "platform": {
              "architecture": "amd64",
              "os": "linux"
            }
          }
        ],
        "annotations": {
          "com.example.key1": "value1",
          "com.example.key2": "value2"
        }
      }
      """;

  private HttpServer server;
  private volatile String manifest = "";

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body =
              exchange.getRequestURI().getPath().equals("/v2/")
                  ? "{}".getBytes(StandardCharsets.UTF_8)
                  : manifest.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", ManifestMediaTypes.OCI_INDEX);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private RegistryQuestions questions() {
    return new ClientRegistryQuestions(
        RegistryClient.create(
            RegistrySettings.builder().retries(1, Duration.ofMillis(1)).build(),
            CredentialStore.none()));
  }

  private ImageReference served(String content) {
    manifest = content;
    return ImageReference.parse(
        "127.0.0.1:"
            + server.getAddress().getPort()
            + "/app:1.0@"
            + Digest.sha256(content.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsTheEntriesOfAnIndex() {
    ImageIndex index = questions().index(served(OCI_SPEC_INDEX));

    assertThat(index.manifests()).extracting(e -> e.platform().toString())
        .containsExactly("linux/ppc64le", "linux/amd64");
    assertThat(index.digestFor(Platform.parse("linux/amd64")))
        .contains(
            Digest.parse(
                "sha256:5b0bcabd1ed22e9fb1310cf6c2dec7cdef19f0ad69efa1f392e94a4333501270"));
  }

  @Test
  void anIndexWithoutManifestsIsAMalformedAnswer() {
    ImageReference image =
        served("{\"schemaVersion\":2,\"mediaType\":\"" + ManifestMediaTypes.OCI_INDEX + "\"}");

    RegistryException e =
        catchThrowableOfType(RegistryException.class, () -> questions().index(image));

    assertThat(e.reason()).isEqualTo(RegistryException.Reason.MALFORMED);
    assertThat(e.getMessage())
        .isEqualTo("registry " + image.registry() + " sent an image index that cannot be read");
  }

  @Test
  void questionsGoToTheRegistrysApiHost() {
    RegistryQuestions questions = questions();

    assertThat(questions.host(ImageReference.parse("nginx:1.27"))).isEqualTo("registry-1.docker.io");
    assertThat(questions.host(ImageReference.parse("ghcr.io/org/app:1"))).isEqualTo("ghcr.io");
  }
}
