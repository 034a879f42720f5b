package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.fleet.server.AgentRecord;
import dev.refit.fleet.server.SqlAgentStore;
import dev.refit.store.Database;
import dev.refit.store.HistoryEntry;
import dev.refit.store.UpdateHistory;
import dev.refit.store.UpdateOutcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code refit history} on a fleet server's state: its own entries and those agents sent up. */
class HistoryCommandTest {
  private static final Instant T = Instant.parse("2026-11-30T08:00:00Z");
  @TempDir Path stateDir;

  private RefitCli.Run refit(String... args) {
    return RefitCli.of(Map.of("REFIT_STATE_DIR", stateDir.toString())).run(args);
  }

  private static HistoryEntry entry(String target, UpdateOutcome outcome) {
    return HistoryEntry.of("container", target, "unix:///var/run/docker.sock")
        .between(T, T.plusSeconds(4))
        .images(target + ":1.0.0", target + ":1.1.0")
        .outcome(outcome, outcome == UpdateOutcome.APPLIED ? null : "unhealthy")
        .build();
  }

  @BeforeEach
  void fleetServerState() {
    try (Database db = Database.open(stateDir)) {
      new SqlAgentStore(db).add(new AgentRecord("agt_1", "edge-01", "hash", Set.of(), T, null));
      UpdateHistory history = new UpdateHistory(db);
      history.record(entry("web", UpdateOutcome.APPLIED));
      history.recordFromAgent("agt_1", entry("api", UpdateOutcome.ROLLED_BACK).withId(7));
    }
  }

  @Test
  void everyEnvironmentByDefaultWithAnEnvironmentColumn() {
    RefitCli.Run all = refit("history");
    assertThat(all.exitCode()).as(all.err()).isZero();
    assertThat(all.out().lines().findFirst().orElseThrow()).startsWith("ID  TIME").contains("ENVIRONMENT  TARGET");
    assertThat(all.out()).containsPattern("edge-01\\s+api\\s+api:1.0.0\\s+api:1.1.0\\s+rolled back\\s+unhealthy")
        .containsPattern("local\\s+web\\s+web:1.0.0");
  }

  @Test
  void oneEnvironment() {
    assertThat(refit("history", "--environment", "edge-01").out()).contains("api").doesNotContain(" web ");
    assertThat(refit("history", "-e", "local").out()).contains("web").doesNotContain("api");

    RefitCli.Run unknown = refit("history", "--environment", "nowhere");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err().strip())
        .isEqualTo("refit: --environment 'nowhere': no such fleet environment (refit fleet ls lists them)");
  }
}
