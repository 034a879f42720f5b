package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.testing.LoopbackHttps;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code refit fleet} / {@code refit campaign} against an HTTPS server whose certificate a private
 * CA signed: trusted with {@code --ca-file} or {@code $REFIT_CA_FILE}, and one line (exit 2) for a
 * certificate that is not trusted, names another host, or has expired.
 */
class ServerCaFileTest {
  private static final String CA = LoopbackHttps.TLS.resolve("ca.pem").toString();
  private static final String EMPTY = "{\"environments\": [], \"campaigns\": []}";

  private static RefitCli.Run refit(LoopbackHttps server, String host, Map<String, String> more, String... args) {
    return RefitCli.of(Map.of("REFIT_SERVER", "https://" + host + ":" + server.port(), "REFIT_TOKEN", "t"))
        .with(more)
        .run(args);
  }

  @Test
  void aPrivateCaIsTrustedFromTheFlagOrTheVariable() {
    try (LoopbackHttps server = LoopbackHttps.serve("server.pem", "server.key", EMPTY)) {
      RefitCli.Run flag = refit(server, "127.0.0.1", Map.of(), "fleet", "ls", "--ca-file", CA);
      assertThat(flag.exitCode()).as(flag.err()).isZero();
      assertThat(flag.out()).startsWith("ENVIRONMENT");

      RefitCli.Run variable = refit(server, "localhost", Map.of("REFIT_CA_FILE", CA), "campaign", "ls");
      assertThat(variable.exitCode()).as(variable.err()).isZero();
    }
  }

  @Test
  void anUntrustedCertificateIsOneLineNamingTheFix() {
    try (LoopbackHttps server = LoopbackHttps.serve("server.pem", "server.key", EMPTY)) {
      RefitCli.Run run = refit(server, "127.0.0.1", Map.of(), "fleet", "ls");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err().strip())
          .isEqualTo("refit: cannot reach the Refit server at https://127.0.0.1:" + server.port()
              + ": the server's certificate is not trusted: give its CA (or the certificate itself) with --ca-file FILE");
    }
  }

  @Test
  void aCertificateForAnotherNameOrAnExpiredOneIsNamed() {
    String other = LoopbackHttps.TLS.resolve("other.pem").toString();
    try (LoopbackHttps server = LoopbackHttps.serve("other.pem", "other.key", EMPTY)) {
      // other.pem names 127.0.0.1 only
      RefitCli.Run run = refit(server, "localhost", Map.of(), "fleet", "ls", "--ca-file", other);

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err().strip().lines()).hasSize(1);
      assertThat(run.err()).contains("the server's certificate does not name the host in --server");
    }
    String expiredCa = LoopbackHttps.TLS.resolve("expired-ca.pem").toString();
    try (LoopbackHttps server = LoopbackHttps.serve("expired.pem", "expired.key", EMPTY)) {
      RefitCli.Run run = refit(server, "127.0.0.1", Map.of("REFIT_CA_FILE", expiredCa), "campaign", "ls");

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err().strip().lines()).hasSize(1);
      assertThat(run.err()).contains("the server's certificate is not valid now (");
    }
  }

  @Test
  void aCaFileThatIsNoCertificateIsNamedWithWhereItWasSet() {
    RefitCli.Run run =
        RefitCli.of(Map.of("REFIT_SERVER", "https://127.0.0.1:1", "REFIT_TOKEN", "t", "REFIT_CA_FILE", "/nonexistent/ca.pem"))
            .run("fleet", "ls");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).startsWith("refit: REFIT_CA_FILE /nonexistent/ca.pem cannot be read");
  }
}
