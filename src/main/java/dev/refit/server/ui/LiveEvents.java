package dev.refit.server.ui;

import io.javalin.http.sse.SseClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open server-sent-event streams of logged-in pages. An event only says what changed; each page
 * then fetches its own fragment, so nothing is rendered for a page nobody looks at.
 */
final class LiveEvents {
  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();

  void join(SseClient client) {
    client.onClose(() -> clients.remove(client));
    clients.add(client);
    client.sendComment("connected");
    client.keepAlive();
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
