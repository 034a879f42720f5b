package dev.refit.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.build.BuildInfo;
import dev.refit.check.WantedImage;
import dev.refit.config.ServeSettings;
import dev.refit.config.WebhookSettings;
import dev.refit.http.server.Context;
import dev.refit.http.server.Handshaker;
import dev.refit.http.server.HttpServer;
import dev.refit.http.server.Routes;
import dev.refit.http.server.ServerLimits;
import dev.refit.http.server.TlsHandshaker;
import dev.refit.image.ImageName;
import dev.refit.image.InvalidReferenceException;
import dev.refit.pipeline.CycleReport;
import dev.refit.pipeline.CycleRequest;
import dev.refit.server.webhook.WebhookRejected;
import dev.refit.server.webhook.WebhookRequest;
import dev.refit.server.webhook.Webhooks;
import dev.refit.store.Approval;
import dev.refit.store.ApprovalStatus;
import dev.refit.store.Approvals;
import dev.refit.store.HistoryFilter;
import dev.refit.store.StoreException;
import dev.refit.store.UpdateHistory;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP side on Refit's own {@link HttpServer}: the REST API under {@code /api},
 * {@code /webhooks/<kind>}, {@code /metrics} and {@code /healthz}. Every handler is thin: it turns the request into a {@link
 * CycleRequest} or a store call and the answer into JSON.
 */
final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * A 1,000,000-byte body cap (as before); fleet agents send their whole inventory in one
   * WebSocket message, which the protocol caps at 1 MiB (the default). Every connected agent
   * holds a connection and its thread: room for a fleet of a thousand and more (bench/fleet-scale)
   * beside browsers and API callers.
   */
  private static final ServerLimits LIMITS =
      ServerLimits.defaults().withMaxBody(1_000_000).withMaxConnections(2_048);

  /** What the handlers call into. */
  record Services(
      CycleRunner cycles,
      TargetStates states,
      UpdateHistory history,
      Approvals approvals,
      ApprovalDecisions decisions,
      Webhooks webhooks,
      RefitMetrics metrics) {}

  private final ServeSettings settings;
  private final ApiAuth auth;
  private final Services s;
  private final List<RouteGroup> groups;
  private final TargetOrders orders;
  private HttpServer server;
  private ScheduledThreadPoolExecutor watcher;

  ApiServer(ServeSettings settings, Services services, List<RouteGroup> groups) {
    this.settings = settings;
    this.auth = new ApiAuth(settings);
    this.s = services;
    this.groups = List.copyOf(groups);
    this.orders = new TargetOrders(services.cycles());
  }

  /** Starts listening; returns the port (useful with port 0). */
  int start() {
    Routes routes = new Routes();
    routes.get("/healthz", this::health);
    routes.get("/metrics", this::metrics);
    // HEAD answers what GET would, so it needs what GET needs
    routes.head("/metrics", this::metrics);
    routes.before("/api/*", ctx -> ctx.attribute("caller", auth.check(ctx.header("Authorization"))));
    routes.get("/api/targets", this::targets);
    routes.post("/api/check", this::check);
    routes.post("/api/targets/{name}/apply", this::applyOne);
    routes.post("/api/apply", this::applyMany);
    routes.get("/api/approvals", this::approvals);
    routes.post("/api/approvals/{id}/approve", ctx -> decide(ctx, true));
    routes.post("/api/approvals/{id}/reject", ctx -> decide(ctx, false));
    routes.get("/api/history", this::history);
    routes.get("/api/version", ctx -> json(ctx, 200, buildInfo()));
    routes.post("/webhooks/{kind}", ctx -> webhook(ctx, null));
    routes.post("/webhooks/{kind}/{token}", ctx -> webhook(ctx, ctx.pathParam("token")));
    groups.forEach(group -> group.addTo(routes));
    routes.exception(ApiError.class, (e, ctx) -> {
      if (e.status() == 401) {
        ctx.header("WWW-Authenticate", auth.challenge());
      }
      json(ctx, e.status(), Map.of("error", e.getMessage()));
    });
    routes.exception(StoreException.class, (e, ctx) -> json(ctx, 500, Map.of("error", e.getMessage())));
    // statuses without a handler's answer: an unknown route, a wrong method
    routes.error(404, ctx -> unanswered(ctx, "no such endpoint: " + ctx.method() + " " + ctx.path()));
    routes.error(405, ctx -> unanswered(ctx, ctx.method() + " is not allowed on " + ctx.path()));
    Handshaker handshaker = Handshaker.PLAIN;
    if (settings.tls()) {
      handshaker = https();
    }
    server = new HttpServer(routes, LIMITS, handshaker);
    int port;
    try {
      port = server.start(settings.address(), settings.port());
    } catch (java.io.UncheckedIOException e) {
      close();
      // a port in use or an address not on this host: the user's to fix, one line (refit: ...)
      throw new IllegalArgumentException("serve.address/serve.port: " + e.getMessage(), e);
    }
    LOG.info("listening on {}://{}:{}", settings.tls() ? "https" : "http", settings.address(), port);
    return port;
  }

  /**
   * The only listener when {@code serve.tlsCert} is set: HTTPS on the configured address and port
   * (no plain HTTP beside it). SNI is not checked: agents and browsers verify the name. A renewed
   * certificate is picked up without a restart ({@link ServerTls}), looked for by a thread that
   * exists only on an HTTPS server. Kept apart so a plain server loads no TLS class.
   */
  private Handshaker https() {
    ServerTls tls = new ServerTls(settings.tlsCert(), settings.tlsKey(), java.time.Clock.systemUTC());
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "refit-tls-watch");
              t.setDaemon(true);
              return t;
            });
    tls.watch(timer, ServerTls.POLL);
    watcher = timer;
    return new TlsHandshaker(tls::context, LIMITS.tlsHandshakeTimeout());
  }

  /** The documented error form for a status no handler wrote an answer for. */
  private static void unanswered(Context ctx, String message) {
    String written = ctx.result();
    if (written == null || written.isEmpty() || !written.startsWith("{")) {
      json(ctx, ctx.statusCode(), Map.of("error", message));
    }
  }

  private void health(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "ok");
    body.put("busy", s.cycles().busy());
    CycleReport last = s.states().lastCycle();
    body.put("lastCycle", last == null ? null : last.startedAt().toString());
    body.putAll(buildInfo());
    json(ctx, 200, body);
  }

  /** The same three values as {@code refit --version}. */
  private static Map<String, Object> buildInfo() {
    BuildInfo build = BuildInfo.current();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", build.version());
    body.put("commit", build.commit());
    body.put("buildTime", build.buildTime());
    return body;
  }

  private void metrics(Context ctx) {
    if (!settings.metricsPublic()) {
      auth.check(ctx.header("Authorization"));
    }
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(s.metrics().scrape());
  }

  private void targets(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("targets", ApiViews.targets(s.states().all()));
    CycleReport last = s.states().lastCycle();
    body.put("lastCycle", last == null ? null : ApiViews.cycle(last));
    json(ctx, 200, body);
  }

  /** {@code POST /api/check}: everything, or {@code {"images": [...], "targets": [...]}}; {@code ?wait=true} waits. */
  private void check(Context ctx) {
    JsonNode body = ApiErrors.body(ctx);
    String example = "{\"images\": [\"ghcr.io/acme/web\"], \"targets\": [\"web\"]}";
    ApiErrors.onlyFields(body, Set.of("images", "targets"), example);
    Set<ImageName> images = new LinkedHashSet<>();
    Set<String> names = new LinkedHashSet<>(ApiErrors.strings(body, "targets", example));
    for (String image : ApiErrors.strings(body, "images", example)) {
      try {
        images.add(ImageName.parse(image));
      } catch (InvalidReferenceException e) {
        throw new ApiError(400, e.getMessage());
      }
    }
    CycleRequest request =
        images.isEmpty() && names.isEmpty()
            ? CycleRequest.everything("api")
            : CycleRequest.images(images, "api").merge(CycleRequest.targets(names, "api"));
    CompletableFuture<CycleReport> cycle = s.cycles().submit(request);
    if ("true".equalsIgnoreCase(ctx.queryParam("wait"))) {
      json(ctx, 200, ApiViews.cycle(TargetOrders.await(cycle)));
    } else {
      json(ctx, 202, Map.of("queued", true));
    }
  }

  /**
   * {@code POST /api/targets/{name}/apply}: what its policy finds, or with {@code {"version":
   * "1.2.3"}} exactly that tag (a downgrade only with {@code "allowDowngrade": true}).
   */
  private void applyOne(Context ctx) {
    String name = ctx.pathParam("name");
    JsonNode body = ApiErrors.body(ctx);
    String example = "{\"version\": \"1.2.3\", \"allowDowngrade\": false}";
    ApiErrors.onlyFields(body, Set.of("version", "allowDowngrade"), example);
    String version = ApiErrors.text(body, "version", example);
    boolean allowDowngrade = ApiErrors.flag(body, "allowDowngrade");
    if (version == null) {
      if (allowDowngrade) {
        throw new ApiError(400, "allowDowngrade goes with a version, e.g. " + example);
      }
      json(ctx, 200, orders.run(CycleRequest.apply(Set.of(name), "api"), Set.of(name), false).get(0));
      return;
    }
    WantedImage.Tag tag;
    try {
      tag = new WantedImage.Tag(version, allowDowngrade);
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, "version: " + e.getMessage());
    }
    json(ctx, 200, orders.run(CycleRequest.exact(Set.of(name), tag, "api"), Set.of(name), true).get(0));
  }

  /** {@code POST /api/apply} with {@code {"targets": [...]}} or {@code {"all": true}}. */
  private void applyMany(Context ctx) {
    JsonNode body = ApiErrors.body(ctx);
    String example = "{\"targets\": [\"web\"]} or {\"all\": true}";
    ApiErrors.onlyFields(body, Set.of("targets", "all"), example);
    Set<String> names = new LinkedHashSet<>();
    if (ApiErrors.flag(body, "all")) {
      s.states().all().stream()
          .filter(t -> t.check().update() != null)
          .forEach(t -> names.add(t.check().target().name()));
    }
    names.addAll(ApiErrors.strings(body, "targets", example));
    if (names.isEmpty()) {
      throw new ApiError(400, "name the targets: {\"targets\": [\"web\"]} or {\"all\": true}");
    }
    json(ctx, 200, Map.of("results", orders.run(CycleRequest.apply(names, "api"), names, false)));
  }

  private void approvals(Context ctx) {
    String status = ctx.queryParam("status");
    List<Approval> list;
    if (status == null || status.equalsIgnoreCase("open")) {
      list = s.approvals().open();
    } else {
      ApprovalStatus wanted;
      try {
        wanted = ApprovalStatus.valueOf(status.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ApiError(400, "status='" + status + "' is not one of open, pending, approved, done, rejected, superseded");
      }
      list = s.approvals().withStatus(wanted);
    }
    json(ctx, 200, Map.of("approvals", list.stream().map(ApiViews::approval).toList()));
  }

  private void decide(Context ctx, boolean approve) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new ApiError(400, "approval id '" + ctx.pathParam("id") + "' is not a number");
    }
    Approval decided = s.decisions().decide(id, approve, "api:" + ctx.attribute("caller"));
    json(ctx, 200, ApiViews.approval(decided));
  }

  /**
   * {@code GET /api/history?offset=0&limit=50[&environment=local][&target=web][&outcome=applied]},
   * newest first; on a fleet server the entries of every environment unless one is named.
   */
  private void history(Context ctx) {
    int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    int limit = intParam(ctx, "limit", 50, 1, 500);
    HistoryFilter filter;
    try {
      filter =
          HistoryFilter.parse(
              ctx.queryParam("environment"), ctx.queryParam("target"), ctx.queryParam("outcome"));
    } catch (IllegalArgumentException e) {
      throw new ApiError(400, e.getMessage());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total", s.history().count(filter));
    body.put("offset", offset);
    body.put("limit", limit);
    body.put("entries", s.history().page(filter, offset, limit).stream().map(ApiViews::history).toList());
    json(ctx, 200, body);
  }

  private void webhook(Context ctx, String token) {
    String kind = ctx.pathParam("kind").toLowerCase(Locale.ROOT);
    Map<String, String> headers = new LinkedHashMap<>(ctx.headerMap());
    int status;
    Map<String, Object> answer = new LinkedHashMap<>();
    try {
      Webhooks.Answer received = s.webhooks().receive(new WebhookRequest(kind, token, headers, ctx.bodyAsBytes()));
      status = 202;
      answer.put("recheck", received.images().stream().map(ImageName::toString).sorted().toList());
      if (received.deployTag() != null) {
        answer.put("deploy", received.deployTag());
      }
      if (received.note() != null) {
        answer.put("note", received.note());
      }
    } catch (WebhookRejected e) {
      status = e.status();
      answer.put("error", e.getMessage());
      // one line per refused request, so a misconfigured sender shows in the log; the reason
      // names what is wrong, never the secret or the token in the path
      LOG.warn(
          "webhook {} refused with {}: {}",
          WebhookSettings.KINDS.contains(kind) ? kind : "(unknown kind)", status, e.getMessage());
    }
    s.metrics().webhook(WebhookSettings.KINDS.contains(kind) ? kind : "unknown", status);
    json(ctx, status, answer);
  }

  private static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String text = ctx.queryParam(name);
    if (text == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new ApiError(400, name + "='" + text + "' must be a whole number from " + min + " to " + max);
  }

  static void json(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("answers are plain maps and always serialise", e);
    }
  }

  @Override
  public void close() {
    groups.forEach(RouteGroup::stop);
    if (server != null) {
      server.close();
    }
    if (watcher != null) {
      watcher.shutdownNow();
    }
  }
}
