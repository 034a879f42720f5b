package dev.refit.server.ui;

import dev.refit.http.server.SseClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open server-sent-event streams of logged-in pages. An event only says what changed; each page
 * then fetches its own fragment, so nothing is rendered for a page nobody looks at.
 */
final class LiveEvents {
  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicBoolean> pending = new ConcurrentHashMap<>();
  /** Changes per kind of event since start; pages carry the numbers they were rendered at. */
  private final Map<String, AtomicLong> generations = new ConcurrentSkipListMap<>();
  private final ScheduledThreadPoolExecutor timer;
  private final Duration coalesce;
  private final Clock clock;

  /**
   * @param kinds the events pages listen to (each page's stream names how far each had got)
   * @param coalesce how long {@link #signal} gathers changes into one event
   */
  LiveEvents(List<String> kinds, Duration coalesce, Clock clock) {
    kinds.forEach(this::generation);
    this.coalesce = coalesce;
    this.clock = clock;
    // its own thread, not the common pool (which a blocking task elsewhere may hold for seconds);
    // it exists only while pages are open and events flow: idle for a minute, it ends
    this.timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "refit-ui-events");
              t.setDaemon(true);
              return t;
            });
    timer.setKeepAliveTime(1, TimeUnit.MINUTES);
    timer.allowCoreThreadTimeOut(true);
    timer.setRemoveOnCancelPolicy(true);
  }

  /**
   * @param since how far each kind of event had got when the page was rendered ({@link #since()}):
   *     a kind that changed in between is sent to this client at once
   */
  void join(SseClient client, Map<String, List<String>> since) {
    if (timer.isShutdown()) {
      client.close();
      return;
    }
    client.onClose(() -> clients.remove(client));
    clients.add(client);
    client.sendComment("connected");
    generations.forEach(
        (event, now) -> {
          List<String> seen = since.getOrDefault(event, List.of());
          if (!seen.isEmpty() && !seen.get(0).equals(Long.toString(now.get()))) {
            sendTo(client, event, clock.instant().toString());
          }
        });
    client.keepAlive();
  }

  /** How far each kind of event has got, as the query of a page's event stream. */
  String since() {
    StringBuilder query = new StringBuilder();
    generations.forEach((event, n) -> query.append(query.length() == 0 ? "" : "&").append(event).append('=').append(n.get()));
    return query.toString();
  }

  /**
   * Sends {@code event} once the coalescing time has passed, however many changes happen in it: a
   * fleet of many agents reporting at once makes each open page fetch its fragment once, not once
   * per agent. A change after the event was sent starts the next one, so the last change is never
   * lost. Nobody listening: nothing is scheduled.
   */
  void signal(String event) {
    generation(event).incrementAndGet();
    if (clients.isEmpty() || timer.isShutdown()) {
      return;
    }
    AtomicBoolean waiting = pending.computeIfAbsent(event, e -> new AtomicBoolean());
    if (waiting.compareAndSet(false, true)) {
      timer.schedule(
          () -> {
            waiting.set(false);
            send(event, clock.instant().toString());
          },
          coalesce.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  void publish(String event, String data) {
    generation(event).incrementAndGet();
    send(event, data);
  }

  private AtomicLong generation(String event) {
    return generations.computeIfAbsent(event, e -> new AtomicLong());
  }

  private void send(String event, String data) {
    for (SseClient client : clients) {
      sendTo(client, event, data);
    }
  }

  private void sendTo(SseClient client, String event, String data) {
    if (client.terminated()) {
      clients.remove(client);
      return;
    }
    try {
      client.sendEvent(event, data);
    } catch (Exception e) {
      // a browser that went away (the stream throws unchecked once its socket fails): its
      // stream is dropped, the others still hear the event
      clients.remove(client);
    }
  }

  /** Ends every stream and sends nothing more (the server is stopping). */
  void close() {
    timer.shutdownNow();
    for (SseClient client : clients) {
      clients.remove(client);
      try {
        client.close();
      } catch (RuntimeException gone) {
        // a stream whose browser left already: nothing to end
      }
    }
  }

  int size() {
    return clients.size();
  }
}
