package dev.refit.fleet.agent;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Why dialling the server failed, as one line a person can act on. TLS failures arrive as a chain
 * of JDK exceptions whose messages ("PKIX path building failed: ...") say little; the agent
 * names the cause and the fix instead, and keeps retrying (the server's certificate may be fixed).
 * The {@code refit fleet} and {@code refit campaign} clients say the same and stop.
 */
public final class ConnectFailure {
  private ConnectFailure() {}

  public static String describe(@Nullable Throwable failure) {
    if (failure == null) {
      return "unknown failure";
    }
    // the JDK wraps an expired certificate in "PKIX path validation failed": look for the
    // specific causes through the whole chain before calling it untrusted
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
        return "the server's certificate is not valid now (" + t.getMessage() + ")";
      }
      String message = t.getMessage() == null ? "" : t.getMessage();
      if (message.startsWith("No subject alternative") || message.startsWith("No name matching")) {
        return "the server's certificate does not name the host in --server (" + message + ")";
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      if (t instanceof CertPathValidatorException
          || message.contains("PKIX path")
          || message.contains("unable to find valid certification path")) {
        return "the server's certificate is not trusted: give its CA (or the certificate itself) with --ca-file FILE";
      }
    }
    Throwable tls = sslCause(failure);
    if (tls != null) {
      return "TLS with the server failed: " + oneLine(tls.getMessage())
          + (tls.getMessage() != null && tls.getMessage().toLowerCase(Locale.ROOT).contains("plaintext")
              ? " (is the server plain http://?)"
              : "");
    }
    return oneLine(failure.toString());
  }

  /** Whether TLS failed (the certificate, the handshake), not the connection itself. */
  public static boolean isTls(Throwable failure) {
    return sslCause(failure) != null;
  }

  private static @Nullable Throwable sslCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return t;
      }
    }
    return null;
  }

  private static String oneLine(@Nullable String text) {
    return text == null ? "" : text.replaceAll("\\s+", " ").strip();
  }
}
