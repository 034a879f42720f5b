package dev.refit.fleet.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.fleet.protocol.Command;
import dev.refit.fleet.protocol.InventoryTarget;
import dev.refit.http.server.Context;
import dev.refit.http.server.Routes;
import dev.refit.server.ApiError;
import dev.refit.server.RouteGroup;
import dev.refit.settings.Durations;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The fleet's REST API under {@code /api/fleet}: environments and their targets, commands to them,
 * join tokens and agents. Thin: each handler calls the hub and turns the answer into JSON; the
 * CLI's {@code refit fleet} and the web UI read the same answers.
 */
public final class FleetRoutes implements RouteGroup {
  /** A join token lives this long unless the request asks otherwise (at most a day). */
  public static final Duration DEFAULT_JOIN_TOKEN_TTL = Duration.ofHours(1);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FleetHub hub;

  public FleetRoutes(FleetHub hub) {
    this.hub = hub;
  }

  @Override
  public void addTo(Routes routes) {
    routes.get("/api/fleet/environments", this::list);
    routes.get("/api/fleet/environments/{name}", this::show);
    routes.post("/api/fleet/environments/{name}/check", this::check);
    routes.post("/api/fleet/environments/{name}/apply", this::apply);
    routes.post("/api/fleet/join-tokens", this::joinToken);
    routes.patch("/api/fleet/agents/{name}", this::patchAgent);
    routes.delete("/api/fleet/agents/{name}", this::revoke);
  }

  private void list(Context ctx) {
    json(ctx, 200, Map.of("environments", hub.environments().stream().map(FleetRoutes::view).toList()));
  }

  private void show(Context ctx) {
    String name = ctx.pathParam("name");
    EnvironmentView env = hub.environment(name).orElseThrow(() -> unknown(name));
    Map<String, Object> body = view(env);
    body.put(
        "reports",
        hub.reports(name, 20).stream()
            .map(
                r -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("command", r.report().commandId());
                  m.put("succeeded", r.report().succeeded());
                  m.put("message", r.report().message());
                  m.put("logTail", r.report().logTail());
                  m.put("reportedAt", r.reportedAt().toString());
                  return m;
                })
            .toList());
    json(ctx, 200, body);
  }

  /** {@code POST .../check}, optional body {@code {"id": "..."}} to make a retry idempotent. */
  private void check(Context ctx) {
    JsonNode body = body(ctx, Set.of("id"));
    send(ctx, Command.checkNow(id(body)));
  }

  /** {@code POST .../apply} with {@code {"targets": ["web"], "tag": "1.2.3"}} (tag optional). */
  private void apply(Context ctx) {
    JsonNode body = body(ctx, Set.of("id", "targets", "tag"));
    List<String> targets = new ArrayList<>();
    JsonNode list = body.path("targets");
    if (!list.isArray() || list.isEmpty()) {
      throw new ApiError(400, "name the targets: {\"targets\": [\"web\"], \"tag\": \"1.2.3\"} (tag optional)");
    }
    for (JsonNode item : list) {
      if (!item.isTextual() || item.asText().isBlank()) {
        throw new ApiError(400, "'targets' must hold target names (strings)");
      }
      targets.add(item.asText());
    }
    @Nullable String tag = text(body, "tag");
    send(ctx, Command.apply(id(body), targets, tag));
  }

  private void send(Context ctx, Command command) {
    String name = ctx.pathParam("name");
    try {
      hub.send(name, command);
    } catch (UnknownEnvironmentException e) {
      throw unknown(name);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("environment", name);
    answer.put("command", command.id());
    answer.put("action", command.action().name().toLowerCase(Locale.ROOT));
    answer.put("online", hub.environment(name).map(EnvironmentView::online).orElse(false));
    json(ctx, 202, answer);
  }

  /** {@code POST /api/fleet/join-tokens}, optional body {@code {"ttl": "1h"}}. */
  private void joinToken(Context ctx) {
    JsonNode body = body(ctx, Set.of("ttl"));
    @Nullable String ttlText = text(body, "ttl");
    Duration ttl =
        ttlText == null
            ? DEFAULT_JOIN_TOKEN_TTL
            : Durations.parse(ttlText)
                .orElseThrow(
                    () -> new ApiError(400, "ttl '" + ttlText + "' is not a duration such as 30m or 2h"));
    IssuedJoinToken issued;
    try {
      issued = hub.issueJoinToken(ttl);
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, String.valueOf(e.getMessage()));
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("token", issued.token().reveal());
    answer.put("expiresAt", issued.expiresAt().toString());
    json(ctx, 201, answer);
  }

  /** {@code PATCH /api/fleet/agents/{name}} with {@code {"name": "new"}} and/or {@code {"labels": [...]}}. */
  private void patchAgent(Context ctx) {
    String name = ctx.pathParam("name");
    JsonNode body = body(ctx, Set.of("name", "labels"));
    String current = name;
    try {
      JsonNode labels = body.get("labels");
      if (labels != null) {
        if (!labels.isArray()) {
          throw new ApiError(400, "'labels' must be a list of strings");
        }
        Set<String> set = new LinkedHashSet<>();
        labels.forEach(l -> set.add(l.asText()));
        hub.label(current, set);
      }
      @Nullable String newName = text(body, "name");
      if (newName != null && !newName.equals(current)) {
        hub.rename(current, newName);
        current = newName;
      }
    } catch (UnknownEnvironmentException e) {
      throw unknown(name);
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, String.valueOf(e.getMessage()));
    } catch (IllegalStateException e) {
      throw new ApiError(409, String.valueOf(e.getMessage()));
    }
    String shown = current;
    json(ctx, 200, view(hub.environment(shown).orElseThrow(() -> unknown(shown))));
  }

  private void revoke(Context ctx) {
    String name = ctx.pathParam("name");
    try {
      hub.revoke(name);
    } catch (UnknownEnvironmentException e) {
      throw unknown(name);
    }
    json(ctx, 200, Map.of("revoked", name));
  }

  /** The JSON of one environment; fields are only ever added. */
  static Map<String, Object> view(EnvironmentView env) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", env.name());
    m.put("labels", List.copyOf(env.labels()));
    m.put("online", env.online());
    m.put("lastSeen", env.lastSeen() == null ? null : env.lastSeen().toString());
    m.put("refitVersion", env.refitVersion());
    m.put("engineVersion", env.engineVersion());
    m.put("swarmRole", env.swarmRole().name().toLowerCase(Locale.ROOT));
    m.put("targets", env.targets().stream().map(FleetRoutes::target).toList());
    return m;
  }

  private static Map<String, Object> target(InventoryTarget t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", t.kind().name().toLowerCase(Locale.ROOT));
    m.put("name", t.name());
    m.put("image", t.image());
    m.put("currentTag", t.currentTag());
    m.put("currentDigest", t.currentDigest());
    m.put("availableTag", t.availableTag());
    m.put("policy", t.policy());
    m.put("mode", t.mode());
    // null from an agent older than protocol 1.1
    m.put("status", t.status());
    m.put("verdict", t.verdict());
    m.put("reason", t.reason());
    m.put("retryAt", t.retryAt() == null ? null : t.retryAt().toString());
    m.put("lastOutcome", t.lastOutcome());
    m.put("waiting", t.waiting());
    m.put("failed", t.failing());
    return m;
  }

  private static ApiError unknown(String name) {
    return new ApiError(404, "no environment named '" + name + "'");
  }

  private static String id(JsonNode body) {
    @Nullable String given = text(body, "id");
    if (given != null && given.length() > Command.MAX_ID_LENGTH) {
      throw new ApiError(400, "'id' is longer than " + Command.MAX_ID_LENGTH + " characters");
    }
    return given != null ? given : "api-" + UUID.randomUUID();
  }

  private static @Nullable String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new ApiError(400, "'" + field + "' must be a non-empty string");
    }
    return value.asText();
  }

  private static JsonNode body(Context ctx, Set<String> allowed) {
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0) {
      return JSON.createObjectNode();
    }
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new ApiError(400, "the body is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw new ApiError(400, "the body must be a JSON object");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!allowed.contains(field)) {
        throw new ApiError(400, "unknown field '" + field + "'; allowed: " + String.join(", ", allowed));
      }
    }
    return node;
  }

  private static void json(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("answers are plain maps and always serialise", e);
    }
  }
}
