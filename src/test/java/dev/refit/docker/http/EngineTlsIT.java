package dev.refit.docker.http;

import dev.refit.http.client.Openssl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.testing.ExtraEngine;
import dev.refit.testing.TestEnvironment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real dockerd with {@code --tlsverify} on 127.0.0.1, certificates made by openssl as Docker's
 * "Protect the Docker daemon socket" guide makes them: the engine answers {@code /info} over TLS to
 * a client certificate (RSA PKCS#1 and EC SEC1 keys) and refuses a client without one, a name its
 * certificate does not carry, and plain HTTP.
 */
class EngineTlsIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir static Path dir;

  private static ExtraEngine engine;
  private static int port;

  @BeforeAll
  static void startATlsEngine() throws Exception {
    Path pki = Files.createDirectories(dir.resolve("pki"));
    Openssl.run(pki, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ca-key.pem");
    Openssl.run(
        pki,
        "req",
        "-x509",
        "-new",
        "-key",
        "ca-key.pem",
        "-sha256",
        "-days",
        "2",
        "-subj",
        "/CN=refit test CA",
        "-out",
        "ca.pem");
    Openssl.run(
        pki, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "server-key.pem");
    sign(
        pki,
        "server",
        "/CN=127.0.0.1",
        "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    // The guide's `openssl genrsa` wrote PKCS#1 before OpenSSL 3; EC keys come as SEC1.
    Openssl.run(pki, "genrsa", "-traditional", "-out", "rsa-key.pem", "2048");
    sign(pki, "rsa", "/CN=client", "extendedKeyUsage=clientAuth\n");
    Openssl.run(pki, "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec-key.pem");
    sign(pki, "ec", "/CN=client", "extendedKeyUsage=clientAuth\n");
    certDir("rsa", "ca.pem", "rsa-cert.pem", "rsa-key.pem");
    certDir("ec", "ca.pem", "ec-cert.pem", "ec-key.pem");
    certDir("ca-only", "ca.pem");

    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    engine =
        ExtraEngine.start(
            TestEnvironment.get(),
            "tls",
            List.of(
                "-H",
                "tcp://127.0.0.1:" + port,
                "--tlsverify",
                "--tlscacert",
                pki.resolve("ca.pem").toString(),
                "--tlscert",
                pki.resolve("server-cert.pem").toString(),
                "--tlskey",
                pki.resolve("server-key.pem").toString()));
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void answersInfoOverTlsToAClientCertificate() throws Exception {
    for (String kind : List.of("rsa", "ec")) {
      try (EngineHttp http = EngineHttp.connect("tcp://127.0.0.1:" + port, tls(kind))) {
        for (int i = 0; i < 2; i++) {
          try (EngineResponse info = http.exchange("GET", "/info", Map.of(), null, TIMEOUT)) {
            assertThat(info.status()).as(kind).isEqualTo(200);
            assertThat(info.headers()).containsEntry("content-type", "application/json");
            assertThat(new String(info.body().readAllBytes(), StandardCharsets.UTF_8))
                .contains("\"ServerVersion\"");
          }
        }
        assertThat(http.idleConnections()).as("one TLS connection kept for both").isEqualTo(1);
      }
    }
  }

  @Test
  void refusesAClientWithoutCertificate() {
    String host = "tcp://127.0.0.1:" + port;
    try (EngineHttp http = EngineHttp.connect(host, tls("ca-only"))) {
      // TLS 1.3 reports the refusal after the client's side of the handshake: at connect or
      // at the first read, depending on timing; either way one IOException naming the engine.
      assertThatThrownBy(() -> http.exchange("GET", "/info", Map.of(), null, TIMEOUT))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(host)
          .hasMessageContaining("may want a client certificate");
    }
  }

  @Test
  void refusesANameTheEngineCertificateDoesNotCarry() {
    String host = "tcp://localhost:" + port;
    try (EngineHttp http = EngineHttp.connect(host, tls("rsa"))) {
      assertThatThrownBy(() -> http.exchange("GET", "/info", Map.of(), null, TIMEOUT))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("cannot connect to the Docker Engine at " + host)
          .hasMessageContaining("localhost");
    }
  }

  @Test
  void certificatesWithoutTlsVerifyMeanPlainHttpAsForTheDockerCli() throws Exception {
    Map<String, String> env = Map.of("DOCKER_CERT_PATH", dir.resolve("rsa").toString());
    try (EngineHttp http = EngineHttp.connect("tcp://127.0.0.1:" + port, env);
        EngineResponse answer = http.exchange("GET", "/info", Map.of(), null, TIMEOUT)) {
      // Go's TLS server answers plain HTTP with this 400.
      assertThat(answer.status()).isEqualTo(400);
      assertThat(new String(answer.body().readAllBytes(), StandardCharsets.UTF_8))
          .contains("HTTP request to an HTTPS server");
    }
  }

  private static Map<String, String> tls(String certDir) {
    return Map.of("DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", dir.resolve(certDir).toString());
  }

  private static void sign(Path pki, String name, String subject, String extensions)
      throws Exception {
    Files.writeString(pki.resolve(name + ".ext"), extensions);
    Openssl.run(
        pki, "req", "-new", "-key", name + "-key.pem", "-subj", subject, "-out", name + ".csr");
    Openssl.run(
        pki,
        "x509",
        "-req",
        "-in",
        name + ".csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca-key.pem",
        "-CAcreateserial",
        "-days",
        "2",
        "-sha256",
        "-extfile",
        name + ".ext",
        "-out",
        name + "-cert.pem");
  }

  private static void certDir(String name, String... files) throws IOException {
    Path target = Files.createDirectories(dir.resolve(name));
    String[] docker = {"ca.pem", "cert.pem", "key.pem"};
    for (int i = 0; i < files.length; i++) {
      Files.copy(dir.resolve("pki").resolve(files[i]), target.resolve(docker[i]));
    }
  }
}
