package dev.refit.server;

import dev.refit.config.ConfigLoader;
import dev.refit.config.ConfigOverride;
import dev.refit.pipeline.FakeCore;
import dev.refit.pipeline.PipelineFactory;
import dev.refit.store.Database;
import dev.refit.testing.MovableClock;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code refit serve} without {@code serve.tlsCert}, in a JVM of its own: starts the daemon (API,
 * UI, webhooks) on a fake core, answers one request and an event-stream refusal, prints the status.
 */
public final class PlainServeMain {
  private PlainServeMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("plain-serve");
    var config =
        new ConfigLoader(Map.of())
            .load(
                null,
                List.of(
                    ConfigOverride.parseSet("serve.port=0"),
                    ConfigOverride.parseSet("serve.token=t0123456789abcdef"),
                    ConfigOverride.parseSet("schedule.cron=off"),
                    ConfigOverride.parseSet("schedule.checkAtStart=false")));
    try (RefitDaemon daemon =
        new RefitDaemon(
            new PipelineFactory(config, Map.of(), new FakeCore(), new MovableClock(Instant.parse("2026-03-04T12:00:00Z"))),
            null,
            Database.open(dir))) {
      int port = daemon.start();
      for (String path : List.of("/healthz", "/ui/events", "/api/targets")) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
          OutputStream out = socket.getOutputStream();
          out.write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          InputStream in = socket.getInputStream();
          String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          System.out.println(path + " status " + answer.substring(9, 12));
        }
      }
    }
  }
}
