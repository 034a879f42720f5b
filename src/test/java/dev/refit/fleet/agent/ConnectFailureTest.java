package dev.refit.fleet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
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
  void anExpiredCertificateUnderPkixValidationIsNamedAsExpired() {
    // as JDK 17 reports a certificate past its notAfter that a trusted CA signed
    CertificateExpiredException expired = new CertificateExpiredException("NotAfter: Thu Jan 02 12:58:09 UTC 2020");
    CertPathValidatorException validity =
        new CertPathValidatorException("validity check failed", expired, null, -1, CertPathValidatorException.BasicReason.EXPIRED);
    Throwable chain =
        new IOException(handshake("PKIX path validation failed: java.security.cert.CertPathValidatorException: validity check failed", validity));

    assertThat(ConnectFailure.describe(chain))
        .isEqualTo("the server's certificate is not valid now (NotAfter: Thu Jan 02 12:58:09 UTC 2020)");
  }

  @Test
  void otherTlsFailuresAndPlainErrorsStayOneLine() {
    assertThat(ConnectFailure.describe(new SSLHandshakeException("Unsupported or unrecognized SSL message\n(plaintext connection?)")))
        .isEqualTo("TLS with the server failed: Unsupported or unrecognized SSL message (plaintext connection?) (is the server plain http://?)");
    assertThat(ConnectFailure.describe(new ConnectException("Connection refused"))).isEqualTo("java.net.ConnectException: Connection refused");
  }
}
