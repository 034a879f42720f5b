package dev.refit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.refit.docker.DockerEngine;
import dev.refit.testing.Chromium;
import dev.refit.testing.ContainerFixture;
import dev.refit.testing.TestEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The web UI in a real browser (Debian's headless Chromium through its chromedriver) against
 * {@code refit serve} on the test engine: log in, see outdated containers, apply one and watch its
 * row change without a reload, approve a pending update, a forged request refused, hostile text
 * shown as text. One browser for the whole class; screenshots of each page under
 * {@code target/ui-screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiIT {
  private static final String HOSTILE = "<img src=x onerror=alert(1)>";

  @TempDir static Path tmp;

  private final TestEnvironment env = TestEnvironment.get();
  private DockerClient docker;
  private DockerEngine engine;
  private ContainerFixture containers;
  private TestDaemon daemon;
  private Chromium chromium;
  private ChromeDriver browser;

  @BeforeAll
  void setUp() throws IOException {
    docker = env.dockerClient();
    engine = DockerEngine.connect(env.dockerHost());
    containers = new ContainerFixture(docker);
    containers.removeAll();
    containers.run(
        "ui-web", env.image("app:1.0.0"), Map.of("org.opencontainers.image.source", "https://example.org/app"));
    containers.run("ui-gate", env.image("app:1.0.0"), Map.of("refit.mode", "approval"));
    containers.run("ui-hostile", env.image("app:1.0.0"), Map.of("refit.policy", HOSTILE));
    // a short stability window: each apply takes a few seconds, long enough to watch it happen
    daemon = new TestDaemon(engine, tmp, "update.stability=2s");
    chromium = Chromium.start();
    browser = chromium.driver();
  }

  @AfterAll
  void tearDown() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (daemon != null) {
      daemon.close();
    }
    containers.removeAll();
    engine.close();
    docker.close();
  }

  @Test
  @Order(1)
  void logsInWithTheApiToken() throws IOException {
    browser.get(daemon.url("/ui"));
    assertThat(browser.getCurrentUrl()).endsWith("/ui/login");
    shot("login");
    browser.findElement(By.id("token")).sendKeys("wrong");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText()).contains("Wrong credentials");

    browser.findElement(By.id("token")).sendKeys(TestDaemon.TOKEN);
    browser.findElement(By.cssSelector("button[type=submit]")).click();

    assertThat(browser.getCurrentUrl()).endsWith("/ui");
    assertThat(browser.findElement(By.cssSelector("tr[data-environment=local]")).getText()).contains("local");
    // the session cookie is HttpOnly: no script on the page can read it
    assertThat((String) script("return document.cookie;")).doesNotContain("refit_session");
  }

  @Test
  @Order(2)
  void checkNowShowsTheOutdatedContainers() throws IOException {
    browser.get(daemon.url("/ui/env/local"));
    browser.findElement(By.xpath("//button[text()='Check now']")).click();
    await().atMost(Duration.ofSeconds(60)).until(() -> rowText("ui-web").contains("update available"));
    String web = rowText("ui-web");
    assertThat(web).contains("container").contains("app:1.0.0").contains("1.1.0").contains("semver:minor");
    assertThat(row("ui-web").findElement(By.cssSelector("a.source")).getAttribute("href"))
        .isEqualTo("https://example.org/app");
    assertThat(rowText("ui-gate")).contains("await approval");
    shot("environment");
    browser.get(daemon.url("/ui"));
    assertThat(browser.findElement(By.cssSelector("tr[data-environment=local]")).getText()).contains("3");
    shot("overview");
  }

  @Test
  @Order(3)
  void hostileTextIsShownAsText() {
    browser.get(daemon.url("/ui/env/local"));
    assertThat(rowText("ui-hostile")).contains(HOSTILE);
    assertThat(browser.findElements(By.cssSelector("#targets img"))).isEmpty();
  }

  @Test
  @Order(4)
  void aRequestWithoutTheCsrfTokenIsRefused() {
    browser.get(daemon.url("/ui/env/local"));
    Object status =
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('/ui/env/local/targets/ui-web/apply', {method: 'POST', credentials: 'same-origin',"
                    + " headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: 'x=1'})"
                    + ".then(r => done(r.status), e => done(String(e)));");
    assertThat(status).isEqualTo(403L);
    assertThat(rowText("ui-web")).contains("update available");
  }

  @Test
  @Order(5)
  void applyingChangesTheRowWithoutAReload() throws IOException {
    browser.get(daemon.url("/ui/env/local"));
    row("ui-web").findElement(By.xpath(".//button[text()='Apply']")).click();
    assertThat(chromium.noticeAfterSubmit()).contains("Apply queued");
    WebElement heading = browser.findElement(By.tagName("h1"));
    assertThat(rowText("ui-web")).as("the page after the click, before the update ends").contains("update available");
    // shown once: a reload of this address would not say it again
    await().atMost(Duration.ofSeconds(10)).until(() -> !browser.getCurrentUrl().contains("notice="));

    // read as a whole each time: a later event may swap the table again between two reads
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> {
          String row = rowText("ui-web");
          return row.contains("up to date") && row.contains("1.1.0") && row.contains("applied");
        });

    // the same page as before: the row changed through the event stream, not a reload, and the
    // refresh that shows the outcome takes the notice away (once it has been there 5 s)
    assertThat(heading.isDisplayed()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> chromium.text(By.cssSelector(".notice")).isEmpty());
    assertThat(docker.inspectContainerCmd("ui-web").exec().getConfig().getImage()).isEqualTo(env.image("app:1.1.0"));
  }

  @Test
  @Order(6)
  void approvingAPendingUpdateAppliesIt() throws IOException {
    browser.get(daemon.url("/ui/env/local"));
    row("ui-gate").findElement(By.xpath(".//button[text()='Approve']")).click();
    assertThat(chromium.noticeAfterSubmit()).contains("Approved");
    await().atMost(Duration.ofSeconds(90)).until(() -> rowText("ui-gate").contains("up to date"));
    assertThat(docker.inspectContainerCmd("ui-gate").exec().getConfig().getImage()).isEqualTo(env.image("app:1.1.0"));
  }

  @Test
  @Order(7)
  void historySettingsAndCampaignsPages() throws IOException {
    browser.get(daemon.url("/ui/history"));
    assertThat(browser.findElements(By.cssSelector("tr[data-history]"))).hasSize(2);
    shot("history");
    browser.findElement(By.id("target")).sendKeys("ui-gate");
    browser.findElement(By.xpath("//button[text()='Filter']")).click();
    // the click submits the form; until the filtered page has loaded the old one is still there
    await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("target=ui-gate"));
    List<WebElement> rows = browser.findElements(By.cssSelector("tr[data-history]"));
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getText()).contains("ui-gate").contains("applied");

    browser.get(daemon.url("/ui/settings"));
    assertThat(browser.findElement(By.cssSelector("pre.config")).getText())
        .contains("token: '***'")
        .doesNotContain(TestDaemon.TOKEN);
    assertThat(browser.getPageSource()).doesNotContain(TestDaemon.TOKEN);
    shot("settings");
    browser.get(daemon.url("/ui/campaigns"));
    shot("campaigns");

    // a phone: the same environment page, one card per target
    browser.manage().window().setSize(new Dimension(390, 844));
    browser.get(daemon.url("/ui/env/local"));
    shot("environment-phone");
    browser.manage().window().setSize(new Dimension(1400, 1000));
  }

  private WebElement row(String target) {
    return browser.findElement(By.cssSelector("#targets tr[data-target='" + target + "']"));
  }

  /** The row's text, read afresh (a live update replaces the table). */
  private String rowText(String target) {
    return chromium.text(By.cssSelector("#targets tr[data-target='" + target + "']"));
  }

  private Object script(String js) {
    return ((JavascriptExecutor) browser).executeScript(js);
  }

  private void shot(String name) {
    chromium.shot(name);
  }
}
