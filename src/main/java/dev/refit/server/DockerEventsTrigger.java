package dev.refit.server;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.refit.docker.DockerEngine;
import dev.refit.pipeline.CycleRequest;
import dev.refit.target.RefitLabels;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
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

  private void follow() {
    if (!running) {
      return;
    }
    stream =
        engine
            .client()
            .eventsCmd()
            .withEventTypeFilter(EventType.CONTAINER)
            .withEventFilter("start")
            .exec(
                new ResultCallback.Adapter<Event>() {
                  @Override
                  public void onNext(Event event) {
                    String id = event.getId() != null ? event.getId() : event.getActor() == null ? null : event.getActor().getId();
                    if (id != null && !refitHelper(event)) {
                      submit.accept(CycleRequest.containers(Set.of(id), "docker-event"));
                    }
                  }

                  @Override
                  public void onError(Throwable error) {
                    if (running) {
                      LOG.warn("Docker event stream broke ({}); reconnecting in 5s", error.toString());
                      reconnect.schedule(DockerEventsTrigger.this::follow, 5, TimeUnit.SECONDS);
                    }
                  }

                  @Override
                  public void onComplete() {
                    if (running) {
                      reconnect.schedule(DockerEventsTrigger.this::follow, 1, TimeUnit.SECONDS);
                    }
                  }
                });
  }

  /**
   * Refit's own self-update helper is never a target. A cycle for its start would only hold the
   * state lock the helper waits for, and remove the helper should it have died at once, before
   * the Refit that handed over could read why (see {@code SelfUpdateHelpers}).
   */
  static boolean refitHelper(Event event) {
    Map<String, String> attributes = event.getActor() == null ? null : event.getActor().getAttributes();
    return attributes != null && "true".equals(attributes.get(RefitLabels.HELPER));
  }

  @Override
  public void close() {
    running = false;
    reconnect.shutdownNow();
    Closeable s = stream;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // the stream is being abandoned anyway
      }
    }
  }
}
