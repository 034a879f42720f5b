package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.campaign.run.CampaignServer;
import dev.refit.campaign.run.FakeFleet;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code refit campaign ...} against a server answering {@code /api/campaigns} on loopback. */
class CampaignCommandTest {
  @TempDir Path stateDir;
  private FakeFleet fleet;
  private CampaignServer server;
  private Map<String, String> env;

  @BeforeEach
  void serve() {
    fleet = new FakeFleet().add("edge-1", true, Set.of("edge"), "nginx:1.25").add("edge-2", true, Set.of("edge"));
    server = new CampaignServer(stateDir, fleet);
    env = server.cliEnvironment();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private RefitCli.Run refit(String... args) {
    return RefitCli.of(env).run(args);
  }

  @Test
  void createShowListCancel() throws Exception {
    RefitCli.Run created = refit("campaign", "create", "--label", "edge", "--upgrade-agents", "127.0.0.1:5000/refit:1.1.0",
        "--canary", "edge-2", "--soak", "10m", "--batch", "3");
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out())
        .contains("campaign c-1: upgrade-agent 127.0.0.1:5000/refit:1.1.0")
        .contains("running, wave 1 of 2")
        .contains("canaries edge-2, soak 10m, batches of 3")
        .containsPattern("edge-2\\s+1\\s+dispatched")
        .containsPattern("edge-1\\s+2\\s+pending");

    fleet.report("edge-2", "c-1/edge-2", false, "rolled back: the new agent exited 1");
    RefitCli.Run shown = refit("campaign", "show", "c-1");
    assertThat(shown.out()).contains("halted").containsPattern("edge-2\\s+1\\s+failed\\s+rolled back")
        .contains("log tail of edge-2:").contains("  | tail of edge-2");

    RefitCli.Run json = refit("campaign", "ls", "--json");
    assertThat(new ObjectMapper().readTree(json.out()).path("campaigns").get(0).path("phase").asText()).isEqualTo("halted");
    assertThat(refit("campaign", "ls").out()).containsPattern("c-1 .* upgrade-agent .* halted\\s+1/2\\s+0\\s+1\\s+0");

    RefitCli.Run cancel = refit("campaign", "cancel", "c-1");
    assertThat(cancel.exitCode()).isEqualTo(2);
    assertThat(cancel.err().strip()).isEqualTo(
        "refit: " + env.get("REFIT_SERVER") + ": campaign c-1 is already halted");
  }

  @Test
  void mistakesAreOneLine() {
    RefitCli.Run noScope = refit("campaign", "create", "--all");
    assertThat(noScope.exitCode()).isEqualTo(2);
    assertThat(noScope.err()).contains("Missing required argument");

    RefitCli.Run badSoak = refit("campaign", "create", "--all", "--apply", "nginx", "--soak", "soon");
    assertThat(badSoak.exitCode()).isEqualTo(2);
    assertThat(badSoak.err().strip()).endsWith("soak 'soon' is not a duration such as 30s, 10m, 2h, 1d");

    env = Map.of("REFIT_SERVER", "http://127.0.0.1:1", "REFIT_TOKEN", "t");
    RefitCli.Run down = refit("campaign", "ls");
    assertThat(down.exitCode()).isEqualTo(2);
    assertThat(down.err()).startsWith("refit: cannot reach the Refit server at http://127.0.0.1:1");
  }
}
