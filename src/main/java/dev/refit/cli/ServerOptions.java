package dev.refit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What the clients of a running server ({@code refit fleet ...}, {@code refit campaign ...}) share:
 * where the server is, its token ({@code $REFIT_TOKEN}), the CA its HTTPS certificate comes from
 * ({@code --ca-file}, {@code $REFIT_CA_FILE}) and {@code --json}.
 */
final class ServerOptions {
  @Mixin ConfigOptions options;

  @Option(names = "--server", paramLabel = "URL", description = "The Refit server (default $REFIT_SERVER, else this host's serve.port).")
  String server;

  @Option(names = "--ca-file", paramLabel = "FILE", description = "PEM certificate(s) to trust for the server's HTTPS instead of the system's CAs (default $REFIT_CA_FILE).")
  Path caFile;

  @Option(names = "--json", description = "Prints the API's JSON answer.")
  boolean json;

  /** The server is {@code --server}, else {@code $REFIT_SERVER}, else this host's {@code serve.port}. */
  ApiClient api(Map<String, String> environment) {
    int port =
        server == null && environment.get("REFIT_SERVER") == null
            ? options.load(environment).serve().port()
            : 0;
    return ApiClient.of(server, environment, port, CaFile.trust(caFile, environment));
  }

  /** The answer as JSON with {@code --json}, else what {@code text} prints. */
  int print(PrintWriter out, JsonNode answer, Runnable text) {
    if (json) {
      out.println(ApiClient.pretty(answer));
    } else {
      text.run();
    }
    return 0;
  }
}
