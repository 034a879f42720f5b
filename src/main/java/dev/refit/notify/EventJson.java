package dev.refit.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The event as JSON: the body of the generic webhook and the script's standard input. Its shape is
 * a contract for receivers: fields are only ever added.
 */
final class EventJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EventJson() {}

  static ObjectNode of(Notification n, String text) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    root.put("event", n.type().label());
    root.put("title", n.title());
    root.put("text", text);
    root.put("time", n.time().toString());
    root.put("hostname", n.hostname());
    ObjectNode target = root.putObject("target");
    target.put("kind", n.targetKind());
    target.put("name", n.targetName());
    target.put("host", n.host());
    ObjectNode current = root.putObject("current");
    current.put("image", n.currentImage());
    current.put("tag", Notification.tagOf(n.currentImage()));
    current.put("digest", n.currentDigest());
    ObjectNode available = root.putObject("available");
    available.put("image", n.availableImage());
    available.put("tag", Notification.tagOf(n.availableImage()));
    available.put("digest", n.availableDigest());
    root.put("mode", n.mode());
    root.put("message", n.message());
    return root;
  }

  static String write(Object node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON trees always serialise", e);
    }
  }
}
