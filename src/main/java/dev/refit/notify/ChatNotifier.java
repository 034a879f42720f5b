package dev.refit.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;

/**
 * Chat services that take a JSON message at an incoming-webhook URL: Slack ({@code text}), Discord
 * ({@code content}) and Microsoft Teams (an Adaptive Card, which both Workflows and the older
 * connectors accept). Only the body differs.
 */
final class ChatNotifier implements Notifier {
  enum Service {
    SLACK,
    DISCORD,
    TEAMS
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final Service service;
  private final String url;
  private final Duration timeout;
  private final HttpDelivery http;

  ChatNotifier(String name, Service service, String url, Duration timeout, HttpDelivery http) {
    this.name = name;
    this.service = service;
    this.url = url;
    this.timeout = timeout;
    this.http = http;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Notification notification, String text) {
    http.post(name, url, "application/json", EventJson.write(body(text)), Map.of(), timeout);
  }

  ObjectNode body(String text) {
    ObjectNode body = JSON.createObjectNode();
    switch (service) {
      case SLACK -> body.put("text", text);
      case DISCORD -> {
        body.put("username", "Refit");
        // Discord refuses content over 2000 characters
        body.put("content", text.length() > 2000 ? text.substring(0, 1997) + "..." : text);
      }
      case TEAMS -> {
        body.put("type", "message");
        ArrayNode attachments = body.putArray("attachments");
        ObjectNode attachment = attachments.addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ObjectNode block = card.putArray("body").addObject();
        block.put("type", "TextBlock");
        block.put("text", text);
        block.put("wrap", true);
      }
    }
    return body;
  }
}
