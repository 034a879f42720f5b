package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.fleet.FleetSettings;
import dev.refit.fleet.protocol.Command;
import dev.refit.fleet.protocol.CommandReport;
import dev.refit.fleet.protocol.Inventory;
import dev.refit.fleet.protocol.InventoryTarget;
import dev.refit.fleet.protocol.TargetKind;
import dev.refit.fleet.server.ConnectedAgent;
import dev.refit.fleet.server.FleetHub;
import dev.refit.fleet.server.FleetRoutes;
import dev.refit.fleet.server.HubStores;
import dev.refit.testing.LoopbackApi;
import dev.refit.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code refit fleet ...} against the fleet's real routes and hub on loopback (stores in memory),
 * with agents connected through the hub as its WebSocket endpoint would connect them.
 */
class FleetCommandTest {
  private static final String DIGEST = "sha256:" + "4".repeat(64);
  private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T08:00:00Z"));
  private ConnectedAgent edge1;
  private FleetHub hub;
  private LoopbackApi api;
  private Map<String, String> env;

  @BeforeEach
  void serve() {
    hub =
        FleetHub.create(
            HubStores.inMemory(), null, new FleetSettings(false, Duration.ofSeconds(15), Duration.ofSeconds(45)), clock);
    api = LoopbackApi.serve(List.of(new FleetRoutes(hub)));
    env = api.cliEnvironment();
    edge1 = ConnectedAgent.enrol(hub, "edge-1");
    edge1.send(
        new Inventory(
            clock.instant(),
            List.of(
                new InventoryTarget(TargetKind.CONTAINER, "web", "127.0.0.1:5000/web", "1.0.0", DIGEST, "1.1.0", "semver", "auto"),
                new InventoryTarget(TargetKind.SERVICE, "stack_api", "127.0.0.1:5000/api", "2.0.0", DIGEST, null, "digest", "notify"))));
    edge1.send(new CommandReport("c-1/edge-1", false, "rolled back: unhealthy", "tail"));
    ConnectedAgent.enrol(hub, "edge-2").disconnect();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private RefitCli.Run refit(String... args) {
    return RefitCli.of(env).run(args);
  }

  @Test
  void lsListsEachEnvironmentWithItsStateAndUpdateCount() throws Exception {
    RefitCli.Run ls = refit("fleet", "ls");
    assertThat(ls.exitCode()).as(ls.err()).isZero();
    assertThat(ls.out().lines().toList().get(0)).startsWith("ENVIRONMENT").contains("STATE").contains("UPDATES");
    assertThat(ls.out())
        .containsPattern("edge-1\\s+online\\s+\\S+\\s+1\\.0\\.0\\s+20\\.10\\.24\\s+standalone\\s+2\\s+1\\s+-")
        .containsPattern("edge-2\\s+offline");

    JsonNode json = new ObjectMapper().readTree(refit("fleet", "ls", "--json").out());
    assertThat(json.path("environments")).extracting(e -> e.path("name").asText()).containsExactly("edge-1", "edge-2");
  }

  @Test
  void showPrintsFactsTargetsAndReports() {
    RefitCli.Run show = refit("fleet", "show", "edge-1");
    assertThat(show.exitCode()).as(show.err()).isZero();
    assertThat(show.out())
        .startsWith("edge-1: online")
        .containsPattern("web\\s+container\\s+127\\.0\\.0\\.1:5000/web\\s+1\\.0\\.0 \\(444444444444\\)\\s+1\\.1\\.0\\s+semver\\s+auto")
        .containsPattern("stack_api\\s+service.*\\s+-\\s+digest\\s+notify")
        .contains("c-1/edge-1  FAILED  rolled back: unhealthy");
  }

  @Test
  void joinTokenPrintsOnlyTheTokenOnStdoutAndHowToUseItOnStderr() {
    RefitCli.Run token = refit("fleet", "join-token", "--ttl", "10m");
    assertThat(token.exitCode()).as(token.err()).isZero();
    String printed = token.out().strip();
    assertThat(printed).doesNotContainAnyWhitespaces().hasSizeGreaterThan(20);
    assertThat(token.err()).contains("single use, valid until 2026-11-30T08:10:00Z").contains("refit agent --server URL");
    assertThat(hub.admit("Join " + printed, null, "edge-3").newSecret()).isNotNull();

    RefitCli.Run tooLong = refit("fleet", "join-token", "--ttl", "3d");
    assertThat(tooLong.exitCode()).isEqualTo(2);
    assertThat(tooLong.err().lines().count()).isEqualTo(1);
  }

  @Test
  void labelRenameAndRevokeChangeTheAgent() {
    assertThat(refit("fleet", "label", "edge-2", "eu", "prod").out().strip()).isEqualTo("edge-2: labels eu,prod");
    assertThat(refit("fleet", "rename", "edge-2", "edge-berlin").out().strip()).isEqualTo("edge-2 is now edge-berlin");
    assertThat(refit("fleet", "ls").out()).containsPattern("edge-berlin\\s+offline.*eu,prod").doesNotContain("edge-2");

    RefitCli.Run taken = refit("fleet", "rename", "edge-berlin", "edge-1");
    assertThat(taken.exitCode()).isEqualTo(2);
    assertThat(taken.err().strip()).isEqualTo("refit: " + env.get("REFIT_SERVER") + ": an environment named 'edge-1' exists already");

    assertThat(refit("fleet", "revoke", "edge-berlin").out().strip()).isEqualTo("revoked edge-berlin");
    assertThat(refit("fleet", "ls").out()).doesNotContain("edge-berlin");
  }

  @Test
  void checkAndApplySendCommandsAndSayWhenTheyWaitForAnOfflineAgent() throws Exception {
    int before = edge1.received().size();
    RefitCli.Run check = refit("fleet", "check", "edge-1");
    assertThat(check.exitCode()).as(check.err()).isZero();
    assertThat(check.out()).startsWith("sent ").endsWith(" to edge-1\n");
    RefitCli.Run apply = refit("fleet", "apply", "edge-1", "web", "--to", "1.1.0");
    assertThat(apply.exitCode()).as(apply.err()).isZero();
    assertThat(edge1.received()).hasSize(before + 2);
    Command sent = (Command) edge1.received().get(before + 1);
    assertThat(sent.targets()).containsExactly("web");
    assertThat(sent.tag()).isEqualTo("1.1.0");

    assertThat(refit("fleet", "check", "edge-2").out()).contains("(offline: delivered when it reconnects)");
  }

  @Test
  void mistakesAreOneLineWithANonZeroExit() {
    RefitCli.Run unknown = refit("fleet", "show", "nowhere");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err().strip()).startsWith("refit: " + env.get("REFIT_SERVER") + ": ").contains("nowhere");
    assertThat(unknown.err().lines().count()).isEqualTo(1);

    RefitCli.Run noTargets = refit("fleet", "apply", "edge-1");
    assertThat(noTargets.exitCode()).isEqualTo(2);
    assertThat(noTargets.err()).contains("Missing required parameter");

    env = Map.of("REFIT_SERVER", env.get("REFIT_SERVER"));
    RefitCli.Run noToken = refit("fleet", "ls");
    assertThat(noToken.exitCode()).isEqualTo(2);
    assertThat(noToken.err().strip()).isEqualTo("refit: set REFIT_TOKEN to the server's API token (serve.token) to call " + api.base());

    env = Map.of("REFIT_SERVER", "http://127.0.0.1:1", "REFIT_TOKEN", "t");
    RefitCli.Run down = refit("fleet", "ls");
    assertThat(down.exitCode()).isEqualTo(2);
    assertThat(down.err()).startsWith("refit: cannot reach the Refit server at http://127.0.0.1:1");
  }
}
