package dev.refit.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.pipeline.CycleReport;
import dev.refit.pipeline.TargetReport;
import dev.refit.store.HistoryEntry;
import dev.refit.store.HistoryFilter;
import dev.refit.store.UpdateOutcome;
import io.javalin.Javalin;
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
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private Javalin app;
  private String base;

  @BeforeAll
  void start() {
    WebUi ui = new WebUi(host, new FakeLogin(), Clock.systemUTC());
    app = Javalin.create(cfg -> ui.addTo(cfg.routes)).start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + app.port();
  }

  @AfterAll
  void stop() {
    app.stop();
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
  void wrongCredentialsAreRefusedAndRightOnesGiveAStrictHttpOnlyCookie() throws Exception {
    assertThat(login("wrong").statusCode()).isEqualTo(401);
    HttpResponse<String> ok = login(TOKEN);
    assertThat(ok.statusCode()).isEqualTo(303);
    String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith(WebUi.COOKIE + "=").contains("HttpOnly").contains("SameSite=Strict").doesNotContain("Secure");
    assertThat(cookie).doesNotContain(TOKEN);
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

  private static final class FakeHost implements HostControl {
    int checks;
    final List<String> orders = new java.util.concurrent.CopyOnWriteArrayList<>();

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

    @Override
    public List<HistoryEntry> history(HistoryFilter filter, int offset, int limit) {
      return List.of(
          HistoryEntry.of("container", "web", "unix:///var/run/docker.sock")
              .between(Instant.parse("2026-11-30T06:00:00Z"), Instant.parse("2026-11-30T06:00:05Z"))
              .images("app:1.0.0", "app:1.1.0")
              .outcome(UpdateOutcome.FAILED, HOSTILE)
              .build());
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
