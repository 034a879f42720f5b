package dev.refit.cli;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Where a client command finds the server: {@code --server}, else {@code $REFIT_SERVER}. */
final class ServerOptions {
  static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

  @Option(
      names = "--server",
      paramLabel = "URL",
      description = "The Refit server's URL (default: $REFIT_SERVER, else " + DEFAULT_SERVER + "). The token is read from $REFIT_API_TOKEN.")
  @Nullable String server;

  ServerApi api(Map<String, String> environment) {
    String url = server != null ? server : environment.getOrDefault("REFIT_SERVER", DEFAULT_SERVER);
    // from the environment only: a token on the command line shows in `ps` and shell history
    return new ServerApi(url, environment.get("REFIT_API_TOKEN"));
  }
}
