package dev.refit.docker.http;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * For bench/engine-transport (not a test): one JVM, one transport, {@code GET /info} once (cold:
 * class loading included) then {@code GET /_ping} {@code n} times (warm). docker-java is set up as
 * DockerEngine sets it up. Prints {@code cold_ms warm_p50_us warm_p90_us}.
 */
public final class TransportBench {
  private TransportBench() {}

  interface Transport extends AutoCloseable {
    byte[] get(String path) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String host = args[1];
    int n = Integer.parseInt(args[2]);
    if (mode.equals("none")) {
      System.out.println("- - -");
      return;
    }
    long start = System.nanoTime();
    try (Transport transport = mode.equals("enginehttp") ? engineHttp(host) : dockerJava(host)) {
      transport.get("/info");
      long coldNanos = System.nanoTime() - start;
      long[] warm = new long[n];
      for (int i = 0; i < n; i++) {
        long t = System.nanoTime();
        transport.get("/_ping");
        warm[i] = System.nanoTime() - t;
      }
      Arrays.sort(warm);
      System.out.printf(
          "%d %d %d%n", coldNanos / 1_000_000, warm[n / 2] / 1000, warm[n * 9 / 10] / 1000);
    }
  }

  private static Transport engineHttp(String host) {
    EngineHttp http = EngineHttp.connect(host, System.getenv());
    return new Transport() {
      @Override
      public byte[] get(String path) throws Exception {
        try (EngineResponse response =
            http.exchange("GET", path, Map.of(), null, Duration.ofMinutes(5))) {
          return response.body().readAllBytes();
        }
      }

      @Override
      public void close() {
        http.close();
      }
    };
  }

  private static Transport dockerJava(String host) {
    DockerClientConfig config =
        DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
    DockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .maxConnections(32)
            .connectionTimeout(Duration.ofSeconds(5))
            .responseTimeout(Duration.ofMinutes(5))
            .build();
    return new Transport() {
      @Override
      public byte[] get(String path) throws Exception {
        DockerHttpClient.Request request =
            DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path(path)
                .build();
        try (DockerHttpClient.Response response = http.execute(request);
            InputStream body = response.getBody()) {
          return body.readAllBytes();
        }
      }

      @Override
      public void close() throws Exception {
        http.close();
      }
    };
  }
}
