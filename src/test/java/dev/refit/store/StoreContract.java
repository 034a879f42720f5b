package dev.refit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.fleet.protocol.Inventory;
import dev.refit.fleet.protocol.InventoryTarget;
import dev.refit.fleet.protocol.SwarmRole;
import dev.refit.fleet.protocol.TargetKind;
import dev.refit.fleet.server.AgentRecord;
import dev.refit.fleet.server.JoinTokenRecord;
import dev.refit.fleet.server.SqlAgentStore;
import dev.refit.fleet.server.SqlEnvironmentStore;
import dev.refit.fleet.server.SqlJoinTokenStore;
import dev.refit.fleet.server.StoredEnvironment;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the store does, whichever database holds it: {@link StoreTest} runs these on the embedded
 * SQLite file, {@code PostgresStoreIT} on a PostgreSQL server. Every {@link #open()} is a new
 * {@link Database} on the same state, as after a restart.
 */
abstract class StoreContract {
  private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
  private static final UpdateKey WEB_1_1 =
      new UpdateKey("container", "web", "unix:///x.sock", "ghcr.io/a/web:1.1", "sha256:" + "1".repeat(64));
  private static final UpdateKey WEB_1_2 =
      new UpdateKey("container", "web", "unix:///x.sock", "ghcr.io/a/web:1.2", "sha256:" + "2".repeat(64));

  /** Opens (migrating if needed) this test's state, as a Refit starting up does. */
  abstract Database open();

  static HistoryEntry entry(String name, UpdateOutcome outcome) {
    return new HistoryEntry(
        0, T, T.plusSeconds(12), "container", name, "unix:///var/run/docker.sock", "app:1.0.0",
        "app:1.1.0", "sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64), outcome,
        outcome == UpdateOutcome.APPLIED ? null : "unhealthy", "cli", null);
  }

  /** Saved again in one statement (an upsert both databases speak): never deleted and re-added. */
  @Test
  void aFleetEnvironmentSavedAgainKeepsTheNewestAndSurvivesReopening() {
    Inventory one =
        new Inventory(T, List.of(new InventoryTarget(TargetKind.CONTAINER, "web", "app", "1.0", "sha256:1", null, "none", "auto")));
    new SqlEnvironmentStore(open())
        .save("agt_1", new StoredEnvironment("1.0.0", "20.10.24", SwarmRole.STANDALONE, T, one));
    new SqlEnvironmentStore(open())
        .save("agt_1", new StoredEnvironment("1.1.0", "20.10.24", SwarmRole.MANAGER, T.plusSeconds(5), null));

    StoredEnvironment found = new SqlEnvironmentStore(open()).find("agt_1").orElseThrow();

    assertThat(found.refitVersion()).isEqualTo("1.1.0");
    assertThat(found.swarmRole()).isEqualTo(SwarmRole.MANAGER);
    assertThat(found.lastSeen()).isEqualTo(T.plusSeconds(5));
    assertThat(found.inventory()).isNull();
  }

  /** A join token names the agent it enrolled; spending it is one conditional step. */
  @Test
  void aSpentJoinTokenKeepsItsAgentAndIsForgottenOnlyWhenExpiredAndPastItsRetryWindow() {
    Duration window = Duration.ofMinutes(10);
    new SqlJoinTokenStore(open()).add(new JoinTokenRecord("h1", T, T.plusSeconds(300)));
    SqlJoinTokenStore tokens = new SqlJoinTokenStore(open());
    assertThat(tokens.spend("h1", T.plusSeconds(240), "agt_1")).isTrue();
    assertThat(tokens.spend("h1", T.plusSeconds(241), "agt_2")).isFalse();

    JoinTokenRecord found = new SqlJoinTokenStore(open()).find("h1").orElseThrow();
    assertThat(found.spentAt()).isEqualTo(T.plusSeconds(240));
    assertThat(found.agentId()).isEqualTo("agt_1");
    assertThat(tokens.removeDead(T.plusSeconds(600), window)).isZero();
    assertThat(tokens.removeDead(T.plusSeconds(840), window)).isEqualTo(1);
    assertThat(tokens.find("h1")).isEmpty();
  }

  /** The two compare-and-set steps of an enrolment retry, as each database runs them. */
  @Test
  void anAgentsSecretIsReplacedOnlyFromTheExpectedHashAndOnlyUntilItIsConfirmed() {
    new SqlAgentStore(open()).add(new AgentRecord("agt_1", "edge", "hash-a", Set.of("eu"), T, null));
    SqlAgentStore agents = new SqlAgentStore(open());

    assertThat(agents.replaceSecret("agt_1", "hash-x", "hash-b")).isFalse();
    assertThat(agents.replaceSecret("agt_1", "hash-a", "hash-b")).isTrue();
    assertThat(agents.replaceSecret("agt_1", "hash-a", "hash-c")).isFalse();
    assertThat(agents.confirm("agt_1", "hash-a", T.plusSeconds(60))).isFalse();
    assertThat(agents.confirm("agt_1", "hash-b", T.plusSeconds(60))).isTrue();
    assertThat(agents.confirm("agt_1", "hash-b", T.plusSeconds(90))).isTrue();
    assertThat(agents.replaceSecret("agt_1", "hash-b", "hash-d")).isFalse();

    AgentRecord found = new SqlAgentStore(open()).find("agt_1").orElseThrow();
    assertThat(found.secretHash()).isEqualTo("hash-b");
    assertThat(found.confirmedAt()).isEqualTo(T.plusSeconds(60));
    assertThat(found.labels()).containsExactly("eu");
    agents.add(new AgentRecord("agt_2", "gone", "hash-e", Set.of(), T, null));
    agents.revoke("agt_2", T);
    assertThat(agents.replaceSecret("agt_2", "hash-e", "hash-f")).isFalse();
    assertThat(agents.confirm("agt_nobody", "hash-e", T)).isFalse();
  }

  @Test
  void historySurvivesReopeningAndPagesNewestFirst() {
    UpdateHistory history = new UpdateHistory(open());
    HistoryEntry first = history.record(entry("web", UpdateOutcome.APPLIED));
    HistoryEntry second = history.record(entry("db", UpdateOutcome.ROLLED_BACK));
    history.record(entry("cache", UpdateOutcome.FAILED));
    assertThat(first.id()).isPositive();
    assertThat(second.id()).isGreaterThan(first.id());

    UpdateHistory reopened = new UpdateHistory(open());
    assertThat(reopened.count()).isEqualTo(3);
    assertThat(reopened.page(0, 2)).extracting(HistoryEntry::targetName).containsExactly("cache", "db");
    assertThat(reopened.page(2, 2)).singleElement().isEqualTo(first);
    assertThat(reopened.page(3, 2)).isEmpty();
  }

  @Test
  void historyFiltersByTargetAndOutcome() {
    UpdateHistory history = new UpdateHistory(open());
    history.record(entry("web", UpdateOutcome.APPLIED));
    history.record(entry("db", UpdateOutcome.ROLLED_BACK));
    history.record(entry("web", UpdateOutcome.FAILED));

    assertThat(history.count(HistoryFilter.parse(null, "web", ""))).isEqualTo(2);
    assertThat(history.page(HistoryFilter.parse(null, "web", null), 0, 1))
        .extracting(HistoryEntry::outcome)
        .containsExactly(UpdateOutcome.FAILED);
    assertThat(history.page(HistoryFilter.parse(null, " ", "rolled_back"), 0, 10))
        .extracting(HistoryEntry::targetName)
        .containsExactly("db");
    assertThat(history.count(HistoryFilter.parse(null, "db", "applied"))).isZero();
    assertThatThrownBy(() -> HistoryFilter.parse(null, null, "exploded"))
        .hasMessageContaining("outcome='exploded' is not one of");
  }

  @Test
  void journalKeepsUnfinishedEntriesUntilFinished() {
    Journal journal = new Journal(open(), Clock.systemUTC());
    long a = journal.begin("container-recreate", "id1", "web", "host", "{\"to\":\"x\"}", "rename-old");
    long b = journal.begin("container-recreate", "id2", "db", "host", "{}", "pull");
    assertThat(b).isGreaterThan(a);
    journal.step(a, "create-new", "{\"new\":\"id9\"}");
    journal.finish(b, "APPLIED");

    Journal reopened = new Journal(open(), Clock.systemUTC());
    assertThat(reopened.unfinished())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.id()).isEqualTo(a);
              assertThat(e.step()).isEqualTo("create-new");
              assertThat(e.state()).isEqualTo("{\"new\":\"id9\"}");
              assertThat(e.plan()).isEqualTo("{\"to\":\"x\"}");
            });
    assertThatThrownBy(() -> reopened.step(999, "x", null)).hasMessageContaining("999");
    reopened.finish(a, "APPLIED");
    assertThat(new Journal(open(), Clock.systemUTC()).unfinished()).isEmpty();
  }

  @Test
  void approvalsSurviveARestartAndOnlyTheNewestUpdateStaysOpen() {
    Approvals approvals = new Approvals(open(), Clock.systemUTC());
    Approval older = approvals.request(WEB_1_1, "ghcr.io/a/web:1.0");
    assertThat(approvals.request(WEB_1_1, "ghcr.io/a/web:1.0").id()).isEqualTo(older.id());
    Approval newer = approvals.request(WEB_1_2, "ghcr.io/a/web:1.0");

    Approvals reopened = new Approvals(open(), Clock.systemUTC());
    assertThat(reopened.find(older.id())).get().extracting(Approval::status).isEqualTo(ApprovalStatus.SUPERSEDED);
    assertThat(reopened.open()).singleElement().isEqualTo(newer);
    Approval approved = reopened.decide(newer.id(), true, "cli");
    assertThat(approved.status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(approved.decidedBy()).isEqualTo("cli");
    assertThatThrownBy(() -> reopened.decide(newer.id(), false, "cli")).hasMessage("approval " + newer.id() + " is approved, not pending");

    Approvals again = new Approvals(open(), Clock.systemUTC());
    assertThat(again.findOpen(WEB_1_2)).get().extracting(Approval::id).isEqualTo(newer.id());
    again.done(newer.id());
    assertThat(again.withStatus(ApprovalStatus.DONE)).extracting(Approval::id).containsExactly(newer.id());
    assertThat(again.open()).isEmpty();
  }

  @Test
  void sightingsKeepTheFirstTimeAcrossRestarts() {
    Sightings.Sighting first = new Sightings(open()).see(WEB_1_1, T);
    assertThat(first).isEqualTo(new Sightings.Sighting(T, true));

    Sightings reopened = new Sightings(open());
    assertThat(reopened.see(WEB_1_1, T.plusSeconds(3600))).isEqualTo(new Sightings.Sighting(T, false));
    assertThat(reopened.see(WEB_1_2, T.plusSeconds(60))).isEqualTo(new Sightings.Sighting(T.plusSeconds(60), true));
  }

  @Test
  void migrationsRunOnceUnderTheirVersionsAndNames() throws Exception {
    open();
    Database db = open();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, name FROM schema_version ORDER BY version")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getInt(1) + " " + rs.getString(2));
      }
      assertThat(rows)
          .containsExactly(
              "1 V1__history_and_journal.sql", "2 V2__approvals_and_sightings.sql", "3 V3__fleet.sql",
              "4 V4__campaigns.sql", "5 V5__fleet_queue_and_history.sql",
              "6 V6__fleet_enrolment_retry.sql");
    }
  }

  @Test
  void refusesADatabaseFromANewerRefit() throws Exception {
    Database db = open();
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO schema_version VALUES (99, 'V99__future.sql', 'now')");
    }
    assertThatThrownBy(this::open)
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot open the state database " + db + ": ")
        .hasMessageContaining("schema version 99 is newer");
  }
}
