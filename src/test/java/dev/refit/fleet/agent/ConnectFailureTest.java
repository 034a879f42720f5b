package dev.refit.fleet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The exception chains the JDK's HttpClient hands the agent (messages as JDK 17 words them). */
class ConnectFailureTest {
  private static SSLHandshakeException handshake(String message, Throwable cause) {
    SSLHandshakeException e = new SSLHandshakeException(message);
    e.initCause(cause);
    return e;
  }

  @Test
  void anUnknownIssuerPointsAtCaFile() {
    Throwable pkix =
        new IOException(handshake(
            "PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target",
            new CertPathBuilderException("unable to find valid certification path to requested target")));

    assertThat(ConnectFailure.describe(pkix))
        .isEqualTo("the server's certificate is not trusted: give its CA (or the certificate itself) with --ca-file FILE");
  }

  @Test
  void aCertificateForAnotherNameOrTimeIsNamed() {
    assertThat(ConnectFailure.describe(handshake("No subject alternative names matching IP address 10.0.0.5 found",
            new CertificateException("No subject alternative names matching IP address 10.0.0.5 found"))))
        .isEqualTo("the server's certificate does not name the host in --server (No subject alternative names matching IP address 10.0.0.5 found)");
    assertThat(ConnectFailure.describe(handshake("expired", new CertificateExpiredException("NotAfter: Sat Jan 01 00:00:00 UTC 2022"))))
        .isEqualTo("the server's certificate is not valid now (NotAfter: Sat Jan 01 00:00:00 UTC 2022)");
  }

  @Test
  void otherTlsFailuresAndPlainErrorsStayOneLine() {
    assertThat(ConnectFailure.describe(new SSLHandshakeException("Unsupported or unrecognized SSL message\n(plaintext connection?)")))
        .isEqualTo("TLS with the server failed: Unsupported or unrecognized SSL message (plaintext connection?) (is the server plain http://?)");
    assertThat(ConnectFailure.describe(new ConnectException("Connection refused"))).isEqualTo("java.net.ConnectException: Connection refused");
  }
}
