package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.refit.campaign.run.Campaigns;
import dev.refit.docker.DockerEngine;
import dev.refit.fleet.FleetSettings;
import dev.refit.fleet.server.FleetServer;
import dev.refit.pipeline.PipelineFactory;
import dev.refit.server.DaemonCore;
import dev.refit.server.RefitDaemon;
import dev.refit.server.RouteGroup;
import dev.refit.store.Database;
import dev.refit.testing.Chromium;
import dev.refit.testing.ContainerFixture;
import dev.refit.testing.ExtraEngine;
import dev.refit.testing.InProcessAgent;
import dev.refit.testing.TestConfig;
import dev.refit.testing.TestEnvironment;
import dev.refit.testing.TestImages;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The fleet pages in a real browser: {@code refit serve} (wired as {@code ServeCommand} wires it)
 * and two agents, {@code edge-a} on the test engine and {@code edge-b} on an extra engine. Join
 * tokens come from the Settings page, the agents appear there as they connect, Check now on each
 * environment's page shows its outdated container, and a campaign created with the form rolls a
 * new version out: the canary {@code edge-a} succeeds, {@code edge-b} (whose container's
 * configuration the new version cannot run with) rolls back and fails, and the campaign halts —
 * all watched on the open pages, which change through the event stream, never a reload.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampaignUiIT {
  private static final String TOKEN = "campaign-ui-it-token-0123456789";

  @TempDir static Path tmp;

  private final TestEnvironment env = TestEnvironment.get();
  private final List<AutoCloseable> open = new ArrayList<>();
  private DockerClient dockerA;
  private DockerClient dockerB;
  private ExtraEngine engineB;
  private String base;
  private Chromium chromium;
  private ChromeDriver browser;
  private String repository;

  @BeforeAll
  void setUp() throws Exception {
    engineB = ExtraEngine.start(env, "uib");
    open.add(engineB);
    dockerA = env.dockerClient();
    dockerB = engineB.dockerClient();
    new ContainerFixture(dockerA).removeAll();

    // 1.1.0 exits at once where BROKEN is set: edge-b's container is configured so
    repository = env.image("uicampaign");
    try (TestImages images = new TestImages(env)) {
      images.importAndPush(repository + ":1.0.0", Map.of(), List.of("/bin/sleep", "3600"));
      images.importAndPush(
          repository + ":1.1.0",
          Map.of(),
          List.of("/bin/sh", "-c", "test -z \"$BROKEN\" || exit 3; exec /bin/sleep 3600"));
    }
    // opted in, but only reported: a check must not roll it out (the campaign does)
    Map<String, String> opted = Map.of("refit.enable", "true", "refit.mode", "notify");
    new ContainerFixture(dockerA).run("ui-camp", repository + ":1.0.0", opted);
    new ContainerFixture(dockerB).run("ui-camp", repository + ":1.0.0", opted, List.of("BROKEN=1"));

    DockerEngine engine = DockerEngine.connect(env.dockerHost());
    open.add(engine);
    Database db = Database.open(tmp.resolve("server"));
    DaemonCore core =
        new DaemonCore(
            PipelineFactory.forEngine(
                TestConfig.of(
                    "serve.port=0", "serve.token=" + TOKEN, "schedule.cron=off", "schedule.checkAtStart=false",
                    "docker.events=false", "check.optIn=true"),
                Map.of("DOCKER_CONFIG", Files.createDirectories(tmp.resolve("docker-config")).toString()),
                engine,
                Clock.systemUTC()),
            null,
            db);
    // no "local": edge-a watches the server's engine, and one owner per container is enough
    FleetServer fleet =
        new FleetServer(db, null, new FleetSettings(false, Duration.ofSeconds(1), Duration.ofSeconds(3)), Clock.systemUTC());
    Campaigns campaigns = Campaigns.start(db, fleet.dispatch(), fleet.directory(), Clock.systemUTC());
    List<RouteGroup> routes = new ArrayList<>(fleet.routes());
    routes.add(campaigns.routes());
    RefitDaemon server = new RefitDaemon(core, routes, new FleetUi(fleet.hub()), new CampaignUi(campaigns.runner()));
    base = "http://127.0.0.1:" + server.start();
    fleet.start();
    open.add(server);
    open.add(fleet);
    open.add(campaigns);

    chromium = Chromium.start();
    open.add(chromium);
    browser = chromium.driver();
    chromium.logIn(base, TOKEN);
  }

  @AfterAll
  void tearDown() throws Exception {
    // newest first: agents, then the browser, the server, and the engines last
    for (int i = open.size() - 1; i >= 0; i--) {
      try {
        open.get(i).close();
      } catch (Exception e) {
        // keep closing the rest
      }
    }
    if (dockerA != null) {
      new ContainerFixture(dockerA).removeAll();
      dockerA.close();
    }
    if (dockerB != null) {
      dockerB.close();
    }
  }

  @Test
  void aCampaignProgressesAndHaltsOnTheBrokenEnvironmentWhileThePageWatches() throws Exception {
    try {
      campaign();
    } catch (AssertionError | RuntimeException e) {
      chromium.shot("campaign-ui-it-failure");
      throw e;
    }
  }

  private void campaign() throws Exception {
    // join tokens from Settings; each agent shows up in the agents table without a reload
    browser.get(base + "/ui/settings");
    String tokenA = joinToken();
    String tokenB = joinToken();
    WebElement heading = browser.findElement(By.tagName("h1"));
    startAgent("edge-a", env.dockerHost(), tokenA);
    startAgent("edge-b", engineB.dockerHost(), tokenB);
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      String agents = chromium.text(By.id("agents"));
      return agents.contains("edge-a") && agents.contains("edge-b") && !agents.contains("offline");
    });
    assertThat(heading.isDisplayed()).as("the same page: the table changed through the event stream").isTrue();
    chromium.shot("settings-agents");

    for (String edge : List.of("edge-a", "edge-b")) {
      browser.get(base + "/ui/env/" + edge);
      browser.findElement(By.xpath("//button[text()='Check now']")).click();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        String row = chromium.text(By.cssSelector("#targets tr[data-target='ui-camp']"));
        return row.contains("1.0.0") && row.contains("1.1.0") && row.contains("update available");
      });
    }
    chromium.shot("environment-agent");

    // the campaign form: roll the repository out, canary edge-a, then edge-b
    browser.get(base + "/ui/campaigns");
    browser.findElement(By.cssSelector("input[name=action][value=apply]")).click();
    browser.findElement(By.name("image")).sendKeys(repository);
    browser.findElement(By.name("environments")).sendKeys("edge-a, edge-b");
    browser.findElement(By.name("canaries")).sendKeys("edge-a");
    browser.findElement(By.xpath("//button[text()='Create campaign']")).click();
    assertThat(chromium.noticeAfterSubmit()).contains("Campaign created");
    WebElement title = browser.findElement(By.tagName("h1"));
    assertThat(browser.getCurrentUrl()).contains("/ui/campaigns/c-");
    // shown once: a reload of this address would not say it again
    await().atMost(Duration.ofSeconds(10)).until(() -> !browser.getCurrentUrl().contains("notice="));

    // every state the page shows on its way, each judged from one read of the whole section
    Set<String> seen = new LinkedHashSet<>();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
      String section = chromium.text(By.id("campaign"));
      seen.add(phaseOf(section));
      return section.contains("Phase: halted") && line(section, "edge-b").contains("failed")
          && line(section, "edge-a").contains("succeeded");
    });
    assertThat(seen).as("phases seen").contains("running").endsWith("halted");
    assertThat(title.isDisplayed()).as("the same page, never reloaded").isTrue();
    // no "created" beside a halted campaign: a refresh took it away (once it had been there 5 s)
    await().atMost(Duration.ofSeconds(10)).until(() -> chromium.text(By.cssSelector(".notice")).isEmpty());
    String section = chromium.text(By.id("campaign"));
    assertThat(section).contains("ui-camp");
    chromium.shot("campaign-halted");

    assertThat(dockerA.inspectContainerCmd("ui-camp").exec().getConfig().getImage()).isEqualTo(repository + ":1.1.0");
    assertThat(dockerB.inspectContainerCmd("ui-camp").exec().getConfig().getImage()).isEqualTo(repository + ":1.0.0");
    assertThat(dockerB.inspectContainerCmd("ui-camp").exec().getState().getRunning()).isTrue();

    // the Overview counts what the agents reported: edge-b's rollback is a failed target
    browser.get(base + "/ui");
    await().atMost(Duration.ofSeconds(20)).until(() ->
        chromium.text(By.cssSelector("tr[data-environment='edge-b'] td[data-label=Failed]")).equals("1"));
    assertThat(chromium.text(By.cssSelector("tr[data-environment='edge-a'] td[data-label=Failed]"))).isEqualTo("0");
    chromium.shot("overview-fleet");
    browser.get(base + "/ui/campaigns");
    chromium.shot("campaigns");
  }

  private String joinToken() {
    browser.findElement(By.xpath("//button[text()='Create join token']")).click();
    // the click submits the form; until the answer has loaded the old page is still there
    await().atMost(Duration.ofSeconds(10)).until(() -> !chromium.text(By.cssSelector("pre.token")).isBlank());
    String token = chromium.text(By.cssSelector("pre.token")).strip();
    browser.get(base + "/ui/settings");
    return token;
  }

  private void startAgent(String name, String dockerHost, String joinToken) throws Exception {
    DockerEngine engine = DockerEngine.connect(dockerHost);
    open.add(engine);
    open.add(InProcessAgent.start(engine, URI.create(base), name, joinToken, tmp.resolve("agents").resolve(name)));
  }

  private static String phaseOf(String section) {
    int at = section.indexOf("Phase: ");
    if (at < 0) {
      return "";
    }
    String rest = section.substring(at + "Phase: ".length());
    int end = rest.indexOf(' ');
    return end < 0 ? rest : rest.substring(0, end);
  }

  /** The line of the section's text that starts with the environment's name (its table row). */
  private static String line(String section, String environment) {
    return section.lines().filter(l -> l.startsWith(environment)).findFirst().orElse("");
  }
}
