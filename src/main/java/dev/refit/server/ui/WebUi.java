package dev.refit.server.ui;

import dev.refit.build.BuildInfo;
import dev.refit.check.CheckStatus;
import dev.refit.http.server.Context;
import dev.refit.http.server.Handler;
import dev.refit.http.server.Routes;
import dev.refit.pipeline.CycleReport;
import dev.refit.pipeline.TargetReport;
import dev.refit.plan.GateVerdict;
import dev.refit.store.HistoryEntry;
import dev.refit.store.HistoryFilter;
import dev.refit.store.UpdateOutcome;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The web UI's routes under {@code /ui}: pages rendered on the server, forms that post with a CSRF
 * token and answer with a redirect, and one event stream that tells open pages to refresh their
 * live part. Every action calls the same services the REST API calls.
 */
public final class WebUi {
  /** The server's own engine's environment name. */
  public static final String LOCAL = "local";

  static final String COOKIE = "refit_session";
  /** No inline script or style anywhere: the pages load theirs from /ui/assets. */
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self';"
          + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private static final int PAGE = 50;
  /** An empty notice slot (layout.jte's {@code #notice}), swapped in by htmx out of band. */
  private static final String NO_NOTICE = "<div id=\"notice\" hx-swap-oob=\"true\"></div>";
  private static final Map<String, String> NOTICES =
      Map.ofEntries(
          Map.entry("check", "Check queued: the table refreshes when it is done."),
          Map.entry("apply", "Apply queued: the row changes when the update is done."),
          Map.entry("approved", "Approved: the update goes ahead now."),
          Map.entry("rejected", "Rejected: this version will not be applied."),
          Map.entry("unknown-environment", "There is no such environment."),
          Map.entry("decided", "That approval was already decided or does not exist."),
          Map.entry("sent", "Command sent: it is delivered now if the environment is online, else when it reconnects."),
          Map.entry("created", "Campaign created: it starts with its first wave now."),
          Map.entry("cancelled", "Campaign cancelled: nothing more is dispatched."),
          Map.entry("not-local", "Exact versions, rollbacks and approvals are for the server's own engine here; use Apply with a tag for an agent's."));

  private final HostControl host;
  private final FleetControl fleet;
  private final CampaignControl campaigns;
  private final Login login;
  private final Sessions sessions;
  private final Templates templates = new Templates();
  private final Assets assets = new Assets();
  private final LiveEvents live;

  /** The UI of a server without a fleet: only its own engine. */
  public WebUi(HostControl host, Login login, Clock clock) {
    this(host, FleetControl.none(), CampaignControl.none(), login, clock);
  }

  public WebUi(HostControl host, FleetControl fleet, CampaignControl campaigns, Login login, Clock clock) {
    this.host = host;
    this.fleet = fleet;
    this.campaigns = campaigns;
    this.login = login;
    this.sessions = new Sessions(clock, Duration.ofHours(12));
    this.live = new LiveEvents(List.of("cycle", "fleet", "campaign"), Duration.ofMillis(250), clock);
    host.onCycle(() -> live.publish("cycle", clock.instant().toString()));
    // agents and campaigns change often and in bursts: one event per quarter second at most
    fleet.onChange(() -> live.signal("fleet"));
    campaigns.onChange(() -> live.signal("campaign"));
  }

  /** Adds the UI's routes to the daemon's server (the daemon passes this method as a route group). */
  public void addTo(Routes routes) {
    routes.get("/", ctx -> ctx.redirect("/ui", 303));
    routes.get("/ui/assets/{file}", this::asset);
    routes.get("/ui/login", this::loginPage);
    routes.post("/ui/login", this::loginPost);
    routes.post("/ui/logout", action((ctx, s) -> {
      sessions.close(s.id());
      ctx.header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + secure(ctx));
      ctx.redirect("/ui/login", 303);
    }));
    routes.get("/ui", page(this::overview));
    routes.get("/ui/overview/live", page((ctx, s) -> html(ctx, "environments.jte", overviewModel(ctx, s))));
    routes.get("/ui/env/{env}", page((ctx, s) -> environment(ctx, s, "environment.jte")));
    routes.get("/ui/env/{env}/live", page((ctx, s) -> environment(ctx, s, "targets.jte")));
    routes.post("/ui/env/{env}/check", action((ctx, s) -> {
      if (local(ctx)) {
        host.checkNow();
        back(ctx, "check");
      } else {
        command(ctx, () -> fleet.checkNow(ctx.pathParam("env")));
      }
    }));
    routes.post("/ui/env/{env}/targets/{target}/apply", action((ctx, s) -> {
      if (local(ctx)) {
        host.apply(ctx.pathParam("target"));
        back(ctx, "apply");
      } else {
        String tag = form(ctx, "tag").trim();
        command(ctx, () -> fleet.apply(ctx.pathParam("env"), ctx.pathParam("target"), tag.isEmpty() ? null : tag));
      }
    }));
    routes.post("/ui/env/{env}/targets/{target}/version", action((ctx, s) -> {
      String version = form(ctx, "version").trim();
      boolean downgrade = "on".equals(ctx.formParam("allowDowngrade"));
      exact(ctx, s, () -> host.applyVersion(ctx.pathParam("target"), version, downgrade));
    }));
    routes.post("/ui/env/{env}/targets/{target}/rollback", action((ctx, s) ->
        exact(ctx, s, () -> host.rollback(ctx.pathParam("target")))));
    routes.post("/ui/env/{env}/approvals/{id}/approve", action((ctx, s) -> decide(ctx, s, true)));
    routes.post("/ui/env/{env}/approvals/{id}/reject", action((ctx, s) -> decide(ctx, s, false)));
    routes.get("/ui/campaigns", page((ctx, s) -> campaignList(ctx, s, "campaigns.jte", null)));
    routes.get("/ui/campaigns/live", page((ctx, s) -> campaignList(ctx, s, "campaignlist.jte", null)));
    routes.get("/ui/campaigns/{id}", page((ctx, s) -> campaign(ctx, s, "campaign.jte")));
    routes.get("/ui/campaigns/{id}/live", page((ctx, s) -> campaign(ctx, s, "campaignenvs.jte")));
    routes.post("/ui/campaigns", action(this::createCampaign));
    routes.post("/ui/campaigns/{id}/cancel", action((ctx, s) -> {
      String id = ctx.pathParam("id");
      try {
        campaigns.cancel(id);
      } catch (IllegalArgumentException e) {
        ctx.status(422);
        campaignPage(ctx, s, "campaign.jte", id, "Refused: " + e.getMessage());
        return;
      }
      ctx.redirect("/ui/campaigns/" + encode(id) + "?notice=cancelled", 303);
    }));
    routes.post("/ui/settings/join-token", action((ctx, s) -> {
      FleetControl.JoinToken token;
      try {
        token = fleet.issueJoinToken();
      } catch (IllegalStateException | IllegalArgumentException e) {
        ctx.status(422);
        settings(ctx, s, null);
        return;
      }
      settings(ctx, s, token);
    }));
    routes.get("/ui/history", page(this::history));
    routes.get("/ui/settings", page((ctx, s) -> settings(ctx, s, null)));
    routes.get("/ui/settings/live", page((ctx, s) -> html(ctx, "agents.jte", settingsModel(ctx, s, null))));
    routes.sse("/ui/events", client -> {
      if (session(client.ctx()).isEmpty()) {
        client.ctx().status(401);
        client.close();
        return;
      }
      live.join(client, client.ctx().queryParamMap());
    });
  }

  /** Ends the open event streams; call before the HTTP server stops (see {@code RouteGroup#stop}). */
  public void stop() {
    live.close();
  }

  /** A page for logged-in people; the others are sent to the login form. */
  private Handler page(SessionHandler handler) {
    return ctx -> {
      Optional<UiSession> s = session(ctx);
      if (s.isEmpty()) {
        ctx.redirect("/ui/login", 303);
        return;
      }
      handler.handle(ctx, s.get());
    };
  }

  /**
   * A state-changing request: it needs a session, the session's CSRF token in the form, and (when
   * the browser sends one) an Origin of this server. Anything else is refused before it acts.
   */
  private Handler action(SessionHandler handler) {
    return ctx -> {
      protect(ctx);
      Optional<UiSession> s = session(ctx);
      if (s.isEmpty()) {
        refuse(ctx, 401, "log in first");
        return;
      }
      String token = ctx.formParam("csrf");
      if (token == null || !Sessions.csrfMatches(s.get(), token)) {
        refuse(ctx, 403, "missing or wrong CSRF token: reload the page and try again");
        return;
      }
      if (!sameOrigin(ctx)) {
        refuse(ctx, 403, "the request came from another site");
        return;
      }
      handler.handle(ctx, s.get());
    };
  }

  @FunctionalInterface
  private interface SessionHandler {
    void handle(Context ctx, UiSession session) throws Exception;
  }

  private Optional<UiSession> session(Context ctx) {
    String id = ctx.cookie(COOKIE);
    return id == null || id.isEmpty() ? Optional.empty() : sessions.find(id);
  }

  private static boolean sameOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null || origin.isEmpty()) {
      return true;
    }
    try {
      URI uri = URI.create(origin);
      String host = ctx.header("Host");
      String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      return host != null && host.equalsIgnoreCase(authority);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void refuse(Context ctx, int status, String message) {
    ctx.status(status).contentType("text/plain; charset=utf-8").result(message + "\n");
  }

  /** Headers every UI answer carries. */
  private static void protect(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("X-Frame-Options", "DENY");
  }

  private static String secure(Context ctx) {
    boolean tls = "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    return tls ? "; Secure" : "";
  }

  private void html(Context ctx, String template, Object model) {
    protect(ctx);
    ctx.header("Cache-Control", "no-store");
    String body = templates.render(template, model);
    // htmx asks only for the live fragments, which swap a part of the page: the notice above it
    // told what the last action did, and the fragment now shows what came of it, so it empties
    // the page's notice too (else "Campaign created" stays beside a campaign that has halted)
    if ("true".equals(ctx.header("HX-Request"))) {
      body += NO_NOTICE;
    }
    ctx.contentType("text/html; charset=utf-8").result(body);
  }

  private void asset(Context ctx) {
    Optional<Assets.Asset> a = assets.find(ctx.pathParam("file"));
    protect(ctx);
    if (a.isEmpty()) {
      refuse(ctx, 410, "no such file");
      return;
    }
    ctx.header("Cache-Control", "max-age=300");
    ctx.contentType(a.get().contentType()).result(a.get().body());
  }

  private void loginPage(Context ctx) {
    if (session(ctx).isPresent()) {
      ctx.redirect("/ui", 303);
      return;
    }
    html(ctx, "login.jte", new Pages.Login(null, login.hasUsers()));
  }

  private void loginPost(Context ctx) {
    protect(ctx);
    if (!sameOrigin(ctx)) {
      refuse(ctx, 403, "the request came from another site");
      return;
    }
    Optional<String> caller =
        login.caller(form(ctx, "token"), form(ctx, "username"), form(ctx, "password"));
    if (caller.isEmpty()) {
      ctx.status(401);
      html(ctx, "login.jte", new Pages.Login("Wrong credentials.", login.hasUsers()));
      return;
    }
    UiSession s = sessions.open(caller.get());
    ctx.header(
        "Set-Cookie",
        COOKIE + "=" + s.id() + "; Path=/; Max-Age=" + sessions.lifetime().toSeconds()
            + "; HttpOnly; SameSite=Strict" + secure(ctx));
    ctx.redirect("/ui", 303);
  }

  private static String form(Context ctx, String name) {
    String value = ctx.formParam(name);
    return value == null ? "" : value;
  }

  private static boolean local(Context ctx) {
    return LOCAL.equals(ctx.pathParam("env"));
  }

  /** A command to an agent's environment: queued, back to its page; an unknown one to the Overview. */
  private static void command(Context ctx, Runnable send) {
    try {
      send.run();
    } catch (IllegalArgumentException e) {
      ctx.redirect("/ui?notice=unknown-environment", 303);
      return;
    }
    back(ctx, "sent");
  }

  private Frame frame(Context ctx, UiSession s, String title, String nav) {
    String code = ctx.queryParam("notice");
    return new Frame(title, nav, s.caller(), s.csrf(), code == null ? null : NOTICES.get(code), live.since());
  }

  private void overview(Context ctx, UiSession s) {
    html(ctx, "overview.jte", overviewModel(ctx, s));
  }

  private Pages.Overview overviewModel(Context ctx, UiSession s) {
    List<TargetReport> targets = host.targets();
    Map<String, HistoryEntry> last = lastOutcomes();
    int updates = 0;
    int waiting = 0;
    int failed = 0;
    for (TargetReport t : targets) {
      if (t.check().status() == CheckStatus.UPDATE_AVAILABLE) {
        updates++;
      }
      if (t.decision() != null
          && (t.decision().verdict() == GateVerdict.WAIT || t.decision().verdict() == GateVerdict.AWAIT_APPROVAL)) {
        waiting++;
      }
      HistoryEntry h = last.get(t.check().target().name());
      if (t.check().status() == CheckStatus.ERROR || (h != null && h.outcome().failed())) {
        failed++;
      }
    }
    CycleReport cycle = host.lastCycle();
    EnvironmentRow local =
        new EnvironmentRow(
            LOCAL,
            List.of(),
            true,
            cycle == null ? "" : Texts.time(cycle.startedAt().plus(cycle.duration())),
            BuildInfo.current().version(),
            Objects.requireNonNullElse(host.engineVersion(), ""),
            "this server",
            targets.size(),
            updates,
            waiting,
            failed);
    List<EnvironmentRow> rows = new ArrayList<>();
    rows.add(local);
    for (FleetControl.RemoteEnvironment e : fleet.environments()) {
      rows.add(remoteRow(e));
    }
    String label = Objects.requireNonNullElse(ctx.queryParam("label"), "").trim();
    String state = Objects.requireNonNullElse(ctx.queryParam("state"), "").trim();
    List<EnvironmentRow> shown =
        rows.stream()
            .filter(r -> label.isEmpty() || r.labels().contains(label))
            .filter(r -> state.isEmpty() || (state.equals("online") == r.online()))
            .toList();
    List<String> labels = rows.stream().flatMap(r -> r.labels().stream()).distinct().sorted().toList();
    return new Pages.Overview(
        frame(ctx, s, "Overview", "overview"),
        shown,
        labels,
        label,
        state,
        "label=" + encode(label) + "&state=" + encode(state));
  }

  /**
   * An agent's environment on the Overview: what its last inventory says is available, waits and
   * failed (an agent older than protocol 1.1 sends no verdicts: its waiting and failed are 0).
   */
  private static EnvironmentRow remoteRow(FleetControl.RemoteEnvironment e) {
    int updates = (int) e.targets().stream().filter(t -> t.available() != null).count();
    int waiting = (int) e.targets().stream().filter(FleetControl.RemoteTarget::waiting).count();
    int failed = (int) e.targets().stream().filter(FleetControl.RemoteTarget::failed).count();
    return new EnvironmentRow(
        e.name(),
        e.labels(),
        e.online(),
        Texts.time(e.lastSeen()),
        Objects.requireNonNullElse(e.refitVersion(), ""),
        Objects.requireNonNullElse(e.engineVersion(), ""),
        e.role(),
        e.targets().size(),
        updates,
        waiting,
        failed);
  }

  /** The newest history entry per target name (the last 200 attempts are plenty for that). */
  private Map<String, HistoryEntry> lastOutcomes() {
    return HistoryEntry.newestPerTarget(host.history(HistoryFilter.OWN_ONLY, 0, 200));
  }

  /**
   * An order for an exact image (a version, a rollback): it waits for the outcome, and shows it
   * on the environment's page; a refusal is shown there too, with 422, as the API answers it.
   */
  private void exact(Context ctx, UiSession s, java.util.function.Supplier<String> order) {
    if (!local(ctx)) {
      back(ctx, "not-local");
      return;
    }
    String message;
    try {
      message = order.get();
    } catch (IllegalArgumentException e) {
      ctx.status(422);
      message = "Refused: " + e.getMessage();
    }
    environment(ctx, s, "environment.jte", message);
  }

  private void environment(Context ctx, UiSession s, String template) {
    environment(ctx, s, template, null);
  }

  private void environment(Context ctx, UiSession s, String template, @Nullable String message) {
    String name = ctx.pathParam("env");
    if (!LOCAL.equals(name)) {
      Optional<FleetControl.RemoteEnvironment> remote = fleet.environment(name);
      if (remote.isEmpty()) {
        ctx.redirect("/ui?notice=unknown-environment", 303);
        return;
      }
      html(
          ctx,
          template.equals("environment.jte") ? "remote.jte" : "remotetargets.jte",
          new Pages.Remote(frame(ctx, s, "Environment " + name, "overview"), remote.get()));
      return;
    }
    Map<String, HistoryEntry> last = lastOutcomes();
    List<TargetRow> rows = new ArrayList<>();
    for (TargetReport t : host.targets()) {
      rows.add(TargetRow.of(t, last.get(t.check().target().name())));
    }
    CycleReport cycle = host.lastCycle();
    String lastCycle = cycle == null ? "" : Texts.time(cycle.startedAt()) + " (" + cycle.trigger() + ")";
    html(
        ctx,
        template,
        new Pages.Environment(
            message == null
                ? frame(ctx, s, "Environment " + name, "overview")
                : frame(ctx, s, "Environment " + name, "overview").withNotice(message),
            name,
            host.busy(),
            lastCycle,
            cycle == null ? null : cycle.error(),
            rows));
  }

  private void decide(Context ctx, UiSession s, boolean approve) {
    if (!local(ctx)) {
      back(ctx, "not-local");
      return;
    }
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      refuse(ctx, 400, "an approval id is a number");
      return;
    }
    try {
      host.decide(id, approve, "ui:" + s.caller());
    } catch (IllegalArgumentException | IllegalStateException e) {
      back(ctx, "decided");
      return;
    }
    back(ctx, approve ? "approved" : "rejected");
  }

  /** After an action, back to the environment's page (post/redirect/get), with a notice. */
  private static void back(Context ctx, String notice) {
    ctx.redirect("/ui/env/" + encode(ctx.pathParam("env")) + "?notice=" + notice, 303);
  }

  private void campaignList(Context ctx, UiSession s, String template, @Nullable String message) {
    Frame frame = frame(ctx, s, "Campaigns", "campaigns");
    html(
        ctx,
        template,
        new Pages.Campaigns(
            message == null ? frame : frame.withNotice(message),
            campaigns.campaigns()));
  }

  private void campaign(Context ctx, UiSession s, String template) {
    campaignPage(ctx, s, template, ctx.pathParam("id"), null);
  }

  private void campaignPage(Context ctx, UiSession s, String template, String id, @Nullable String message) {
    Optional<CampaignControl.CampaignDetail> c = campaigns.campaign(id);
    if (c.isEmpty()) {
      ctx.status(404);
      campaignList(ctx, s, "campaigns.jte", "There is no campaign '" + id + "'.");
      return;
    }
    Frame frame = frame(ctx, s, "Campaign " + id, "campaigns");
    html(
        ctx,
        template,
        new Pages.Campaign(
            message == null ? frame : frame.withNotice(message), c.get()));
  }

  /** The create form, through the API's own validation; a refusal shows its one line, escaped. */
  private void createCampaign(Context ctx, UiSession s) {
    CampaignControl.CampaignForm form =
        new CampaignControl.CampaignForm(
            form(ctx, "action"),
            form(ctx, "image"),
            form(ctx, "tag"),
            "on".equals(ctx.formParam("all")),
            form(ctx, "environments"),
            form(ctx, "labels"),
            form(ctx, "canaries"),
            form(ctx, "soak"),
            form(ctx, "batchSize"),
            form(ctx, "haltAfter"));
    String id;
    try {
      id = campaigns.create(form, "ui:" + s.caller());
    } catch (IllegalArgumentException e) {
      ctx.status(422);
      campaignList(ctx, s, "campaigns.jte", "Refused: " + e.getMessage());
      return;
    }
    ctx.redirect("/ui/campaigns/" + encode(id) + "?notice=created", 303);
  }

  /** Settings; with a join token just issued, the only time its secret is shown. */
  private void settings(Context ctx, UiSession s, FleetControl.@Nullable JoinToken token) {
    html(ctx, "settings.jte", settingsModel(ctx, s, token));
  }

  private Pages.Settings settingsModel(Context ctx, UiSession s, FleetControl.@Nullable JoinToken token) {
    List<FleetControl.RemoteEnvironment> agents = fleet.environments();
    return new Pages.Settings(
            frame(ctx, s, "Settings", "settings"),
            host.effectiveConfig(),
            agents,
            token == null ? null : token.token(),
            token == null ? "" : Texts.time(token.expiresAt()));
  }

  private void history(Context ctx, UiSession s) {
    String environment = Objects.requireNonNullElse(ctx.queryParam("environment"), "").trim();
    String target = Objects.requireNonNullElse(ctx.queryParam("target"), "").trim();
    String outcome = Objects.requireNonNullElse(ctx.queryParam("outcome"), "").trim();
    int offset;
    try {
      offset = Math.max(0, Integer.parseInt(Objects.requireNonNullElse(ctx.queryParam("offset"), "0")));
    } catch (NumberFormatException e) {
      offset = 0;
    }
    HistoryFilter filter;
    try {
      filter = HistoryFilter.parse(environment, target, outcome);
    } catch (IllegalArgumentException e) {
      filter = HistoryFilter.parse(environment, target, null);
      outcome = "";
    }
    // agents send their history upstream: the server's table holds every environment's
    int total = host.historyCount(filter);
    List<HistoryRow> rows = host.history(filter, offset, PAGE).stream().map(HistoryRow::of).toList();
    List<String> environments = new ArrayList<>();
    environments.add(LOCAL);
    fleet.environments().stream()
        .map(FleetControl.RemoteEnvironment::name)
        .filter(n -> !LOCAL.equals(n))
        .sorted()
        .forEach(environments::add);
    String query = "environment=" + encode(environment) + "&target=" + encode(target) + "&outcome=" + encode(outcome);
    List<String> outcomes =
        Arrays.stream(UpdateOutcome.values())
            .filter(o -> o != UpdateOutcome.SKIPPED)
            .map(o -> o.name().toLowerCase(Locale.ROOT))
            .toList();
    html(
        ctx,
        "history.jte",
        new Pages.History(
            frame(ctx, s, "History", "history"),
            rows,
            environments,
            environment,
            target,
            outcome,
            outcomes,
            rows.isEmpty() ? 0 : offset + 1,
            offset + rows.size(),
            total,
            offset == 0 ? null : "?" + query + "&offset=" + Math.max(0, offset - PAGE),
            offset + rows.size() < total ? "?" + query + "&offset=" + (offset + PAGE) : null));
  }

  private static String encode(@Nullable String s) {
    return s == null ? "" : URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** How many pages listen for live events (tests wait for the browser's stream). */
  public int listeners() {
    return live.size();
  }
}
