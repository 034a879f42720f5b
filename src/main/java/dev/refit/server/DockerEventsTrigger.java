package dev.refit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.docker.DockerEngine;
import dev.refit.docker.EngineApi;
import dev.refit.pipeline.CycleRequest;
import dev.refit.target.RefitLabels;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a container as soon as it starts (new, or recreated by compose or by hand), without
 * waiting for the schedule. Follows the engine's event stream and reconnects when it breaks.
 */
final class DockerEventsTrigger implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DockerEventsTrigger.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FILTERS = "{\"type\":[\"container\"],\"event\":[\"start\"]}";

  private final DockerEngine engine;
  private final Consumer<CycleRequest> submit;
  private final ScheduledExecutorService reconnect =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "refit-events");
            t.setDaemon(true);
            return t;
          });
  private volatile Closeable stream;
  private volatile boolean running = true;

  DockerEventsTrigger(DockerEngine engine, Consumer<CycleRequest> submit) {
    this.engine = engine;
    this.submit = submit;
  }

  void start() {
    follow();
  }

  /**
   * Opens the stream here (so that starts from now on are seen once this returns) and reads it on
   * the events thread, which schedules the next attempt when it ends.
   */
  private void follow() {
    if (!running) {
      return;
    }
    InputStream in;
    try {
      in = engine.api().stream("GET", "/events?filters=" + EngineApi.encode(FILTERS), null, Map.of());
    } catch (RuntimeException e) {
      broke(e);
      return;
    }
    stream = in;
    try {
      reconnect.execute(() -> read(in));
    } catch (RejectedExecutionException closed) {
      closeQuietly(in);
    }
  }

  private void read(InputStream in) {
    try (in;
        MappingIterator<JsonNode> events = JSON.readerFor(JsonNode.class).readValues(in)) {
      while (events.hasNextValue()) {
        JsonNode event = events.nextValue();
        String id = event.path("id").asText(event.path("Actor").path("ID").asText(""));
        if (!id.isEmpty() && !refitHelper(event)) {
          submit.accept(CycleRequest.containers(Set.of(id), "docker-event"));
        }
      }
      if (running) {
        reconnect.schedule(this::follow, 1, TimeUnit.SECONDS);
      }
    } catch (IOException | RuntimeException e) {
      broke(e);
    }
  }

  private void broke(Exception error) {
    if (running) {
      LOG.warn("Docker event stream broke ({}); reconnecting in 5s", error.toString());
      try {
        reconnect.schedule(this::follow, 5, TimeUnit.SECONDS);
      } catch (RejectedExecutionException closed) {
        // closed meanwhile
      }
    }
  }

  /**
   * Refit's own self-update helper is never a target. A cycle for its start would only hold the
   * state lock the helper waits for, and remove the helper should it have died at once, before
   * the Refit that handed over could read why (see {@code SelfUpdateHelpers}).
   */
  static boolean refitHelper(JsonNode event) {
    return "true".equals(event.path("Actor").path("Attributes").path(RefitLabels.HELPER).asText(null));
  }

  @Override
  public void close() {
    running = false;
    reconnect.shutdownNow();
    Closeable s = stream;
    if (s != null) {
      closeQuietly(s);
    }
  }

  private static void closeQuietly(Closeable s) {
    try {
      s.close();
    } catch (IOException | RuntimeException ignored) {
      // the stream is being abandoned anyway
    }
  }
}
