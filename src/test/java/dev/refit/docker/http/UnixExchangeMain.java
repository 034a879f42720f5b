package dev.refit.docker.http;

import dev.refit.http.client.FakePeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One exchange over a unix socket in a JVM of its own, for {@link UnixLoadsNoTlsTest} to watch
 * which classes it loads. Prints the status.
 */
public final class UnixExchangeMain {
  private UnixExchangeMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("engine-http");
    Path socket = dir.resolve("engine.sock");
    try (FakePeer engine = FakePeer.unix(socket, FakePeer.fixed("{}"));
        EngineHttp http = EngineHttp.connect(engine.host(), System.getenv());
        EngineResponse response =
            http.exchange("GET", "/info", Map.of(), null, Duration.ofSeconds(5))) {
      response.body().readAllBytes();
      System.out.println("status " + response.status());
    } finally {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(dir);
    }
  }
}
