package dev.refit.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.http.server.Handshaker;
import dev.refit.http.server.HttpServer;
import dev.refit.http.server.Routes;
import dev.refit.http.server.ServerLimits;
import dev.refit.pipeline.CycleReport;
import dev.refit.pipeline.TargetReport;
import dev.refit.store.HistoryEntry;
import dev.refit.store.HistoryFilter;
import dev.refit.store.UpdateOutcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The UI's security rules over HTTP, without a browser or an engine: a fake host behind it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiTest {
  private static final String TOKEN = "ui-test-token";
  private static final String HOSTILE = "<img src=x onerror=alert(1)>";

  private final FakeHost host = new FakeHost();
  private final FakeFleet fleet = new FakeFleet();
  private final FakeCampaigns campaigns = new FakeCampaigns();
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private HttpServer app;
  private String base;

  @BeforeAll
  void start() {
    WebUi ui = new WebUi(host, fleet, campaigns, new FakeLogin(), Clock.systemUTC());
    Routes routes = new Routes();
    ui.addTo(routes);
    app = new HttpServer(routes, ServerLimits.defaults(), Handshaker.PLAIN);
    base = "http://127.0.0.1:" + app.start("127.0.0.1", 0);
  }

  @AfterAll
  void stop() {
    app.close();
  }

  @Test
  void pagesNeedALogin() throws Exception {
    HttpResponse<String> r = get("/ui/history", null);
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).contains("/ui/login");
  }

  @Test
  void theEventStreamNeedsALoginToo() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/ui/events")).timeout(java.time.Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.body()).doesNotContain("connected");
  }

  @Test
  @org.junit.jupiter.api.Timeout(20)
  void fleetAndCampaignChangesReachOpenPagesAsEvents() throws Exception {
    String cookie = session();
    try (java.io.BufferedReader lines = events(cookie, "/ui/events")) {
      // a burst of changes (many agents reporting at once) is one event per kind
      for (int i = 0; i < 50; i++) {
        fleet.listeners.forEach(Runnable::run);
        campaigns.listeners.forEach(Runnable::run);
      }
      assertThat(nextEvents(lines, 2)).containsExactlyInAnyOrder("fleet", "campaign");
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(20)
  void aChangeBetweenRenderingAPageAndItsStreamConnectingIsSentAtOnce() throws Exception {
    String cookie = session();
    Matcher connect = Pattern.compile("sse-connect=\"([^\"]+)\"").matcher(get("/ui/campaigns", cookie).body());
    assertThat(connect.find()).isTrue();
    String stream = connect.group(1).replace("&amp;", "&");
    assertThat(stream).startsWith("/ui/events?").contains("campaign=").contains("fleet=").contains("cycle=");

    campaigns.listeners.forEach(Runnable::run);

    try (java.io.BufferedReader lines = events(cookie, stream)) {
      assertThat(nextEvents(lines, 1)).containsExactly("campaign");
    }
  }

  /** The event stream, read past its "connected" comment. */
  private java.io.BufferedReader events(String cookie, String path) throws Exception {
    HttpResponse<java.io.InputStream> stream =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Cookie", cookie)
                .header("Accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.statusCode()).isEqualTo(200);
    java.io.BufferedReader lines =
        new java.io.BufferedReader(new java.io.InputStreamReader(stream.body(), java.nio.charset.StandardCharsets.UTF_8));
    String first = lines.readLine();
    while (first != null && first.isEmpty()) {
      first = lines.readLine();
    }
    assertThat(first).contains("connected");
    return lines;
  }

  private static java.util.List<String> nextEvents(java.io.BufferedReader lines, int count) throws Exception {
    java.util.List<String> events = new java.util.ArrayList<>();
    long until = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
    while (events.size() < count && System.nanoTime() < until) {
      String line = lines.readLine();
      if (line != null && line.startsWith("event:")) {
        events.add(line.substring("event:".length()).trim());
      }
    }
    return events;
  }

  @Test
  void wrongCredentialsAreRefusedAndRightOnesGiveAStrictHttpOnlyCookie() throws Exception {
    assertThat(login("wrong").statusCode()).isEqualTo(401);
    HttpResponse<String> ok = login(TOKEN);
    assertThat(ok.statusCode()).isEqualTo(303);
    String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith(WebUi.COOKIE + "=").contains("HttpOnly").contains("SameSite=Strict").doesNotContain("Secure");
    assertThat(cookie).doesNotContain(TOKEN);
  }

  @Test
  void theHistoryPageFiltersByEnvironmentAndOffersEveryEnvironment() throws Exception {
    String cookie = session();
    HttpResponse<String> r = get("/ui/history?environment=edge-1&outcome=applied", cookie);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(host.historyAsked.environment()).isEqualTo("edge-1");
    assertThat(host.historyAsked.outcome()).isEqualTo(UpdateOutcome.APPLIED);
    assertThat(r.body())
        .contains("<option value=\"local\"")
        .containsPattern("<option value=\"edge-1\"\\s+selected")
        .contains("<option value=\"edge-2\"")
        .contains("<td>edge-1</td><th scope=\"row\">api</th>");
    assertThat(get("/ui/history", cookie).body()).contains("<td>local</td><th scope=\"row\">web</th>");
  }

  @Test
  void hostileTextIsEscapedAndThePageForbidsInlineScript() throws Exception {
    String cookie = session();
    HttpResponse<String> r = get("/ui/history", cookie);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain(HOSTILE);
    assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'")
        .contains("style-src 'self'")
        .doesNotContain("unsafe-inline");
    assertThat(r.body()).doesNotContainPattern("<script>|<style|\\sstyle=\"|<[^>]*\\son[a-z]+=");
  }

  @Test
  void aStateChangingRequestNeedsTheSessionsCsrfToken() throws Exception {
    String cookie = session();
    String csrf = csrf(get("/ui/env/local", cookie).body());

    assertThat(post("/ui/env/local/check", cookie, "", null).statusCode()).isEqualTo(403);
    assertThat(post("/ui/env/local/check", cookie, "csrf=forged", null).statusCode()).isEqualTo(403);
    assertThat(post("/ui/env/local/check", cookie, "csrf=" + csrf, "http://evil.example").statusCode()).isEqualTo(403);
    assertThat(post("/ui/env/local/check", null, "csrf=" + csrf, null).statusCode()).isEqualTo(401);
    assertThat(host.checks).isZero();

    HttpResponse<String> ok = post("/ui/env/local/check", cookie, "csrf=" + csrf, base);
    assertThat(ok.statusCode()).isEqualTo(303);
    assertThat(ok.headers().firstValue("Location")).contains("/ui/env/local?notice=check");
    assertThat(host.checks).isEqualTo(1);
  }

  @Test
  void anExactVersionIsAppliedAndARefusalIsShownEscaped() throws Exception {
    String cookie = session();
    String csrf = csrf(get("/ui/env/local", cookie).body());

    assertThat(post("/ui/env/local/targets/web/version", cookie, "version=2.0.0", null).statusCode()).isEqualTo(403);
    assertThat(host.orders).isEmpty();

    HttpResponse<String> ok = post("/ui/env/local/targets/web/version", cookie, "csrf=" + csrf + "&version=2.0.0", base);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("web: updated");
    assertThat(host.orders).containsExactly("web=2.0.0 downgrade=false");

    HttpResponse<String> refused =
        post("/ui/env/local/targets/web/version", cookie, "csrf=" + csrf + "&version=0.9&allowDowngrade=on", base);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("Refused: web: no tag &lt;img src=x onerror=alert(1)&gt;").doesNotContain(HOSTILE);
    assertThat(host.orders).endsWith("web=0.9 downgrade=true");
  }

  @Test
  void rollBackNeedsTheCsrfTokenAndSaysWhatHappened() throws Exception {
    String cookie = session();
    String csrf = csrf(get("/ui/env/local", cookie).body());
    assertThat(post("/ui/env/local/targets/web/rollback", cookie, "csrf=forged", null).statusCode()).isEqualTo(403);
    assertThat(host.orders).doesNotContain("rollback web");
    HttpResponse<String> ok = post("/ui/env/local/targets/web/rollback", cookie, "csrf=" + csrf, base);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("web: rolled_back");
    assertThat(host.orders).contains("rollback web");
  }

  @Test
  void theOverviewListsFleetEnvironmentsAndFiltersByLabelAndState() throws Exception {
    String cookie = session();
    String all = get("/ui", cookie).body();
    assertThat(all).contains("data-environment=\"local\"").contains("data-environment=\"edge-1\"")
        .contains("data-environment=\"edge-2\"").contains("25.0.3").contains("manager");
    assertThat(all).contains("&lt;b&gt;eu&lt;/b&gt;").doesNotContain("<b>eu</b>");
    // the server's own engine shows its version as agents' rows show theirs
    String local = all.substring(all.indexOf("data-environment=\"local\""));
    assertThat(local.substring(0, local.indexOf("</tr>"))).contains("data-label=\"Engine\">20.10.24<");
    String prod = get("/ui?label=prod", cookie).body();
    assertThat(prod).contains("data-environment=\"edge-1\"").doesNotContain("data-environment=\"edge-2\"")
        .doesNotContain("data-environment=\"local\"");
    // an agent's verdicts and outcomes make its waiting and failed counts
    String edge1 = all.substring(all.indexOf("data-environment=\"edge-1\""));
    edge1 = edge1.substring(0, edge1.indexOf("</tr>"));
    assertThat(edge1).contains("data-label=\"Targets\">3<").contains("data-label=\"Updates\" class=\"update\">2<")
        .contains("data-label=\"Waiting\">1<").contains("data-label=\"Failed\" class=\"error\">1<");
    assertThat(all).contains("hx-trigger=\"sse:cycle, sse:fleet\"").doesNotContain("every ");
    String offline = get("/ui/overview/live?state=offline", cookie).body();
    assertThat(offline).contains("data-environment=\"edge-2\"").doesNotContain("data-environment=\"edge-1\"");
  }

  @Test
  void aRemoteEnvironmentShowsItsInventoryAndSendsCommandsThroughTheFleet() throws Exception {
    String cookie = session();
    HttpResponse<String> page = get("/ui/env/edge-1", cookie);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("data-target=\"api\"").contains("registry.local/api").contains("1.4.0")
        .contains(HOSTILE.replace("<", "&lt;").replace(">", "&gt;")).doesNotContain(HOSTILE);
    String db = page.body().substring(page.body().indexOf("data-target=\"db\""));
    assertThat(db.substring(0, db.indexOf("</tr>"))).contains("wait").contains("too young until 2026-12-01")
        .contains("retry at 2026-12-01 00:00:00Z");
    assertThat(page.body()).contains("rolled back").contains("hx-trigger=\"sse:fleet\"").doesNotContain("every ");
    String csrf = csrf(page.body());

    assertThat(post("/ui/env/edge-1/check", cookie, "csrf=forged", null).statusCode()).isEqualTo(403);
    assertThat(fleet.sent).isEmpty();
    HttpResponse<String> check = post("/ui/env/edge-1/check", cookie, "csrf=" + csrf, base);
    assertThat(check.headers().firstValue("Location")).contains("/ui/env/edge-1?notice=sent");
    post("/ui/env/edge-1/targets/api/apply", cookie, "csrf=" + csrf + "&tag=1.4.0", base);
    post("/ui/env/edge-1/targets/api/apply", cookie, "csrf=" + csrf + "&tag=", base);
    assertThat(fleet.sent).containsExactly("check edge-1", "apply edge-1 api 1.4.0", "apply edge-1 api null");

    assertThat(post("/ui/env/nowhere/check", cookie, "csrf=" + csrf, base).headers().firstValue("Location"))
        .hasValue("/ui?notice=unknown-environment");
    assertThat(get("/ui/env/nowhere", cookie).headers().firstValue("Location")).hasValue("/ui?notice=unknown-environment");
  }

  /** The cancel button is in the live part: a campaign that halts while its page is open loses it. */
  @Test
  void aCampaignThatEndsWhileItsPageIsOpenNoLongerOffersCancel() throws Exception {
    String cookie = session();
    assertThat(get("/ui/campaigns/c1/live", cookie).body()).contains("Cancel campaign");

    campaigns.phase = "halted";

    assertThat(get("/ui/campaigns/c1/live", cookie).body()).contains("halted").doesNotContain("Cancel campaign");
    assertThat(get("/ui/campaigns/c1", cookie).body()).doesNotContain("Cancel campaign");
  }

  @Test
  void campaignsAreListedShownCreatedAndCancelledThroughTheService() throws Exception {
    String cookie = session();
    String list = get("/ui/campaigns", cookie).body();
    assertThat(list).contains("data-campaign=\"c1\"").contains("hx-trigger=\"sse:campaign\"").doesNotContain("every ");
    String csrf = csrf(list);

    String detail = get("/ui/campaigns/c1", cookie).body();
    assertThat(detail).contains("data-environment=\"edge-2\"").contains("failed")
        .contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain(HOSTILE).contains("Cancel campaign");
    assertThat(get("/ui/campaigns/c1/live", cookie).body()).startsWith("<section id=\"campaign\"");
    assertThat(detail).contains("created 2026-11-30 07:00:00Z by api:token");
    assertThat(list).contains("2026-11-30 07:00:00Z by api:token");

    assertThat(post("/ui/campaigns", cookie, "action=apply&image=app", null).statusCode()).isEqualTo(403);
    assertThat(campaigns.created).isEmpty();
    HttpResponse<String> created =
        post("/ui/campaigns", cookie,
            "csrf=" + csrf + "&action=upgrade-agent&image=refit%3A1.4.0&labels=prod&canaries=edge-1&soak=1m&batchSize=2&haltAfter=1",
            base);
    assertThat(created.statusCode()).isEqualTo(303);
    assertThat(created.headers().firstValue("Location")).contains("/ui/campaigns/c2?notice=created");
    assertThat(campaigns.created).singleElement().satisfies(f -> {
      assertThat(f.action()).isEqualTo("upgrade-agent");
      assertThat(f.image()).isEqualTo("refit:1.4.0");
      assertThat(f.labels()).isEqualTo("prod");
      assertThat(f.all()).isFalse();
      assertThat(f.batchSize()).isEqualTo("2");
    });

    HttpResponse<String> refused = post("/ui/campaigns", cookie, "csrf=" + csrf + "&action=apply&image=" + "%3Cb%3E", base);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("Refused: image &lt;b&gt; is not valid").doesNotContain("image <b>");

    assertThat(post("/ui/campaigns/c1/cancel", cookie, "", base).statusCode()).isEqualTo(403);
    assertThat(campaigns.cancelled).isEmpty();
    assertThat(post("/ui/campaigns/c1/cancel", cookie, "csrf=" + csrf, base).headers().firstValue("Location"))
        .contains("/ui/campaigns/c1?notice=cancelled");
    assertThat(campaigns.cancelled).containsExactly("c1");
  }

  @Test
  void aNoticeIsShownByItsPageAndEmptiedByEveryLiveRefresh() throws Exception {
    String cookie = session();
    String page = get("/ui/campaigns/c1?notice=created", cookie).body();
    assertThat(page).contains("<div id=\"notice\"><p class=\"notice\" role=\"status\">Campaign created");
    assertThat(get("/ui/campaigns/c1", cookie).body()).contains("<div id=\"notice\"></div>");

    // htmx swaps only the live part: each fragment empties the notice beside it, whatever page
    for (String live :
        List.of("/ui/campaigns/c1/live", "/ui/campaigns/live", "/ui/env/local/live", "/ui/env/edge-1/live",
            "/ui/overview/live", "/ui/settings/live")) {
      String fragment = htmx(live, cookie).body();
      assertThat(fragment).as(live).endsWith("<div id=\"notice\" hx-swap-oob=\"true\"></div>");
      assertThat(fragment).as(live).doesNotContain("class=\"notice\"");
    }
    // a full page is no live refresh: its notice slot is the layout's
    assertThat(get("/ui/campaigns/c1", cookie).body()).doesNotContain("hx-swap-oob");
  }

  @Test
  void settingsListAgentsAndShowANewJoinTokenOnce() throws Exception {
    String cookie = session();
    String page = get("/ui/settings", cookie).body();
    assertThat(page).contains("data-agent=\"edge-1\"").contains("data-agent=\"edge-2\"").doesNotContain("rfj_")
        .contains("hx-trigger=\"sse:fleet\"");
    assertThat(get("/ui/settings/live", cookie).body()).startsWith("<div id=\"agents\"").contains("data-agent=\"edge-1\"")
        .contains("2026-11-30 07:00:00Z").contains("never");
    String csrf = csrf(page);
    assertThat(post("/ui/settings/join-token", cookie, "csrf=nope", base).statusCode()).isEqualTo(403);
    assertThat(fleet.tokens).isZero();
    HttpResponse<String> issued = post("/ui/settings/join-token", cookie, "csrf=" + csrf, base);
    assertThat(issued.statusCode()).isEqualTo(200);
    assertThat(issued.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(issued.body()).contains("rfj_secret_1");
    assertThat(get("/ui/settings", cookie).body()).doesNotContain("rfj_secret_1");
  }

  @Test
  void loggingOutEndsTheSession() throws Exception {
    String cookie = session();
    String csrf = csrf(get("/ui", cookie).body());
    assertThat(post("/ui/logout", cookie, "csrf=" + csrf, null).statusCode()).isEqualTo(303);
    assertThat(get("/ui", cookie).statusCode()).isEqualTo(303);
  }

  @Test
  void settingsShowTheMaskedConfigurationAndAssetsComeFromTheJar() throws Exception {
    String cookie = session();
    assertThat(get("/ui/settings", cookie).body()).contains("token: '***'").doesNotContain(TOKEN);
    HttpResponse<String> htmx = get("/ui/assets/htmx.min.js", null);
    assertThat(htmx.statusCode()).isEqualTo(200);
    assertThat(htmx.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
    assertThat(get("/ui/assets/sse.js", null).body()).contains("sse");
    assertThat(get("/ui/assets/app.css", null).body()).contains("prefers-color-scheme: dark");
  }

  private String session() throws Exception {
    String setCookie = login(TOKEN).headers().firstValue("Set-Cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private static String csrf(String page) {
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).as("a CSRF field in %s", page).isTrue();
    return m.group(1);
  }

  private HttpResponse<String> login(String token) throws Exception {
    return post("/ui/login", null, "token=" + token, null);
  }

  private HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A request as htmx sends it for a live fragment. */
  private HttpResponse<String> htmx(String path, String cookie) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).header("HX-Request", "true").build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String cookie, String form, String origin) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    if (origin != null) {
      b.header("Origin", origin);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static final class FakeLogin implements Login {
    @Override
    public Optional<String> caller(String token, String username, String password) {
      return TOKEN.equals(token) ? Optional.of("token") : Optional.empty();
    }

    @Override
    public boolean hasUsers() {
      return false;
    }
  }

  private static final class FakeFleet implements FleetControl {
    final List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    int tokens;

    @Override
    public void onChange(Runnable listener) {
      listeners.add(listener);
    }

    @Override
    public List<RemoteEnvironment> environments() {
      return List.of(
          new RemoteEnvironment("edge-1", List.of("prod"), true, Instant.parse("2026-11-30T07:00:00Z"), "1.3.0",
              "25.0.3", "manager",
              List.of(
                  new RemoteTarget("container", "api", "registry.local/api", "1.3.0", "1.4.0", "semver:minor", HOSTILE),
                  new RemoteTarget("container", "db", "registry.local/db", "15.1", "15.2", "semver:minor", "auto",
                      "update available", "wait", "too young until 2026-12-01", Instant.parse("2026-12-01T00:00:00Z"),
                      "", true, false),
                  new RemoteTarget("service", "web", "registry.local/web", "2.0.0", null, "semver:minor", "auto",
                      "up to date", "", "", null, "rolled back", false, true))),
          new RemoteEnvironment("edge-2", List.of("<b>eu</b>"), false, null, null, null, "standalone", List.of()));
    }

    @Override
    public Optional<RemoteEnvironment> environment(String name) {
      return environments().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    @Override
    public void checkNow(String environment) {
      known(environment);
      sent.add("check " + environment);
    }

    @Override
    public void apply(String environment, String target, String tag) {
      known(environment);
      sent.add("apply " + environment + " " + target + " " + tag);
    }

    private void known(String environment) {
      if (environment(environment).isEmpty()) {
        throw new IllegalArgumentException("no environment named '" + environment + "'");
      }
    }

    @Override
    public JoinToken issueJoinToken() {
      tokens++;
      return new JoinToken("rfj_secret_" + tokens, Instant.parse("2026-11-30T09:00:00Z"));
    }
  }

  private static final class FakeCampaigns implements CampaignControl {
    final List<CampaignForm> created = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<String> cancelled = new java.util.concurrent.CopyOnWriteArrayList<>();
    final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile String phase = "running";

    @Override
    public void onChange(Runnable listener) {
      listeners.add(listener);
    }

    private Campaign c1() {
      // the API's createdAt carries nanoseconds
      return new Campaign("c1", "2026-11-30T07:00:00.123456789Z", "api:token", "upgrade-agent", "refit", "1.4.0", phase, 1, 2,
          "1 failed, 1 pending", "canaries 1, soak 10m, batches of 1, halt after 1 failure");
    }

    @Override
    public List<Campaign> campaigns() {
      return List.of(c1());
    }

    @Override
    public Optional<CampaignDetail> campaign(String id) {
      return id.equals("c1")
          ? Optional.of(new CampaignDetail(c1(), List.of(
              new EnvironmentProgress("edge-1", 1, "pending", null, null),
              new EnvironmentProgress("edge-2", 1, "failed", "gate failed", "log: " + HOSTILE))))
          : Optional.empty();
    }

    @Override
    public String create(CampaignForm form, String createdBy) {
      if (form.image().startsWith("<")) {
        throw new IllegalArgumentException("image " + form.image() + " is not valid");
      }
      created.add(form);
      return "c2";
    }

    @Override
    public void cancel(String id) {
      cancelled.add(id);
    }
  }

  private static final class FakeHost implements HostControl {
    int checks;
    final List<String> orders = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public String engineVersion() {
      return "20.10.24";
    }

    @Override
    public List<TargetReport> targets() {
      return List.of();
    }

    @Override
    public CycleReport lastCycle() {
      return null;
    }

    @Override
    public boolean busy() {
      return false;
    }

    @Override
    public void checkNow() {
      checks++;
    }

    @Override
    public void apply(String target) {}

    @Override
    public String applyVersion(String target, String version, boolean allowDowngrade) {
      orders.add(target + "=" + version + " downgrade=" + allowDowngrade);
      if (version.startsWith("0.")) {
        throw new IllegalArgumentException(target + ": no tag " + HOSTILE);
      }
      return target + ": updated";
    }

    @Override
    public String rollback(String target) {
      orders.add("rollback " + target);
      return target + ": rolled_back";
    }

    @Override
    public void decide(long approval, boolean approve, String by) {}

    volatile HistoryFilter historyAsked = HistoryFilter.ALL;

    @Override
    public List<HistoryEntry> history(HistoryFilter filter, int offset, int limit) {
      historyAsked = filter;
      HistoryEntry e =
          HistoryEntry.of("container", "web", "unix:///var/run/docker.sock")
              .between(Instant.parse("2026-11-30T06:00:00Z"), Instant.parse("2026-11-30T06:00:05Z"))
              .images("app:1.0.0", "app:1.1.0")
              .outcome(UpdateOutcome.FAILED, HOSTILE)
              .build();
      if (filter.environment() == null || filter.environment().equals("local")) {
        return List.of(e);
      }
      // as an agent sent it upstream
      return List.of(
          new HistoryEntry(
              7, e.startedAt(), e.finishedAt(), "container", "api", e.location(), "api:1.3.0",
              "api:1.4.0", null, null, UpdateOutcome.APPLIED, null, "fleet", filter.environment()));
    }

    @Override
    public int historyCount(HistoryFilter filter) {
      return 1;
    }

    @Override
    public String effectiveConfig() {
      return "serve:\n  token: '***'\n";
    }

    @Override
    public void onCycle(Runnable listener) {}
  }
}
