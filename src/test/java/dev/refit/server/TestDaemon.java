package dev.refit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.docker.DockerEngine;
import dev.refit.pipeline.PipelineFactory;
import dev.refit.store.Database;
import dev.refit.testing.TestConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code refit serve} for the ITs, on the test engine, built as {@code ServeCommand} builds it: a
 * free port, a token, and cycles only when the test asks for them (no schedule, none at start).
 */
final class TestDaemon implements AutoCloseable {
  static final String TOKEN = "test-daemon-token-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final RefitDaemon daemon;
  private final String base;

  /**
   * @param dir for the state and an empty Docker config directory (no credentials)
   * @param settings further configuration, as {@code key=value}
   */
  TestDaemon(DockerEngine engine, Path dir, String... settings) {
    List<String> all =
        new ArrayList<>(
            List.of("serve.port=0", "serve.token=" + TOKEN, "schedule.cron=off", "schedule.checkAtStart=false"));
    all.addAll(List.of(settings));
    Path dockerConfig;
    try {
      dockerConfig = Files.createDirectories(dir.resolve("docker-config"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    daemon =
        new RefitDaemon(
            PipelineFactory.forEngine(
                TestConfig.of(all), Map.of("DOCKER_CONFIG", dockerConfig.toString()), engine, Clock.systemUTC()),
            engine,
            Database.open(dir.resolve("state")));
    base = "http://127.0.0.1:" + daemon.start();
  }

  String url(String path) {
    return base + path;
  }

  /** Calls the API with the token; the answer must be 200. */
  JsonNode api(String method, String path) throws Exception {
    return JSON.readTree(call(method, path));
  }

  /** {@code GET /metrics}. */
  String metrics() throws Exception {
    return call("GET", "/metrics");
  }

  private String call(String method, String path) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isEqualTo(200);
    return r.body();
  }

  @Override
  public void close() {
    daemon.close();
  }
}
