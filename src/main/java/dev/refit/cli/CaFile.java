package dev.refit.cli;

import dev.refit.fleet.agent.TrustedCertificates;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * {@code --ca-file FILE}, else {@code $REFIT_CA_FILE}: the PEM certificate(s) that the agent and
 * the server's clients ({@code refit fleet}, {@code refit campaign}) trust for the server's HTTPS
 * instead of the system's CAs, for a server whose certificate a private CA signed. The variable
 * lets a container or a shell set it once for every command.
 */
final class CaFile {
  static final String VARIABLE = "REFIT_CA_FILE";

  private CaFile() {}

  /**
   * @return the context trusting that file, or {@code null} (the JDK's CAs) when neither is set
   * @throws IllegalArgumentException one line naming the file and what is wrong with it
   */
  static @Nullable SSLContext trust(@Nullable Path flag, Map<String, String> environment) {
    if (flag != null) {
      return TrustedCertificates.sslContext(flag, "--ca-file");
    }
    String fromEnvironment = environment.get(VARIABLE);
    if (fromEnvironment == null || fromEnvironment.isBlank()) {
      return null;
    }
    return TrustedCertificates.sslContext(Path.of(fromEnvironment.strip()), VARIABLE);
  }
}
