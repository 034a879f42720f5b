package dev.refit.config;

import dev.refit.settings.Secrets;
import java.nio.file.Path;

/**
 * The daemon's HTTP side: where it listens and who may call it.
 *
 * @param address the interface to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port the TCP port; 0 picks a free one
 * @param token a bearer token accepted on every API call, or {@code null}
 * @param username with {@code password}: HTTP Basic credentials, or {@code null}
 * @param password never printed
 * @param anonymous whether the API answers without credentials (only when asked for)
 * @param metricsPublic whether {@code /metrics} answers without credentials, for scrapers
 * @param tlsCert with {@code tlsKey}: the PEM certificate chain served over HTTPS (checked when the
 *     configuration is loaded), or {@code null} for plain HTTP
 * @param tlsKey the PEM (PKCS#8) private key of {@code tlsCert}, or {@code null}
 */
public record ServeSettings(
    String address,
    int port,
    String token,
    String username,
    String password,
    boolean anonymous,
    boolean metricsPublic,
    Path tlsCert,
    Path tlsKey) {

  public static ServeSettings defaults() {
    return new ServeSettings("127.0.0.1", 8080, null, null, null, false, false, null, null);
  }

  /** Whether the daemon serves HTTPS (with {@link #tlsCert} and {@link #tlsKey}). */
  public boolean tls() {
    return tlsCert != null && tlsKey != null;
  }

  public boolean hasCredentials() {
    return token != null || username != null;
  }

  @Override
  public String toString() {
    return "ServeSettings[address=" + address + ", port=" + port + ", token="
        + Secrets.mask(token) + ", username=" + username + ", password=" + Secrets.mask(password)
        + ", anonymous=" + anonymous + ", metricsPublic=" + metricsPublic + ", tlsCert=" + tlsCert
        + ", tlsKey=" + tlsKey + "]";
  }
}
