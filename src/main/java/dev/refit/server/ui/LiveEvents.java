package dev.refit.server.ui;

import io.javalin.http.sse.SseClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The open server-sent-event streams of logged-in pages. An event only says what changed; each page
 * then fetches its own fragment, so nothing is rendered for a page nobody looks at.
 */
final class LiveEvents {
  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicBoolean> pending = new ConcurrentHashMap<>();
  private final Executor later;
  private final Clock clock;

  /**
   * @param coalesce how long {@link #signal} gathers changes into one event
   */
  LiveEvents(Duration coalesce, Clock clock) {
    this.later = CompletableFuture.delayedExecutor(coalesce.toMillis(), TimeUnit.MILLISECONDS);
    this.clock = clock;
  }

  void join(SseClient client) {
    client.onClose(() -> clients.remove(client));
    clients.add(client);
    client.sendComment("connected");
    client.keepAlive();
  }

  /**
   * Sends {@code event} once the coalescing time has passed, however many changes happen in it: a
   * fleet of many agents reporting at once makes each open page fetch its fragment once, not once
   * per agent. A change after the event was sent starts the next one, so the last change is never
   * lost. Nobody listening: nothing is scheduled.
   */
  void signal(String event) {
    if (clients.isEmpty()) {
      return;
    }
    AtomicBoolean waiting = pending.computeIfAbsent(event, e -> new AtomicBoolean());
    if (waiting.compareAndSet(false, true)) {
      later.execute(
          () -> {
            waiting.set(false);
            publish(event, clock.instant().toString());
          });
    }
  }

  void publish(String event, String data) {
    for (SseClient client : clients) {
      if (client.terminated()) {
        clients.remove(client);
        continue;
      }
      try {
        client.sendEvent(event, data);
      } catch (RuntimeException e) {
        // a browser that went away: its stream is dropped, the others still hear the event
        clients.remove(client);
      }
    }
  }

  int size() {
    return clients.size();
  }
}
