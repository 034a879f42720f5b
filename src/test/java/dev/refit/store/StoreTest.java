package dev.refit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
  @TempDir Path dir;

  private static HistoryEntry entry(String name, UpdateOutcome outcome) {
    Instant t = Instant.parse("2026-11-22T10:00:00Z");
    return new HistoryEntry(
        0, t, t.plusSeconds(12), "container", name, "unix:///var/run/docker.sock", "app:1.0.0",
        "app:1.1.0", "sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64), outcome,
        outcome == UpdateOutcome.APPLIED ? null : "unhealthy", "cli");
  }

  @Test
  void historySurvivesReopeningAndPagesNewestFirst() {
    UpdateHistory history = new UpdateHistory(Database.open(dir));
    HistoryEntry first = history.record(entry("web", UpdateOutcome.APPLIED));
    history.record(entry("db", UpdateOutcome.ROLLED_BACK));
    history.record(entry("cache", UpdateOutcome.FAILED));
    assertThat(first.id()).isPositive();

    UpdateHistory reopened = new UpdateHistory(Database.open(dir));
    assertThat(reopened.count()).isEqualTo(3);
    assertThat(reopened.page(0, 2)).extracting(HistoryEntry::targetName).containsExactly("cache", "db");
    assertThat(reopened.page(2, 2)).singleElement().isEqualTo(first);
  }

  @Test
  void journalKeepsUnfinishedEntriesUntilFinished() {
    Journal journal = new Journal(Database.open(dir), Clock.systemUTC());
    long a = journal.begin("container-recreate", "id1", "web", "host", "{\"to\":\"x\"}", "rename-old");
    long b = journal.begin("container-recreate", "id2", "db", "host", "{}", "pull");
    journal.step(a, "create-new", "{\"new\":\"id9\"}");
    journal.finish(b, "APPLIED");

    Journal reopened = new Journal(Database.open(dir), Clock.systemUTC());
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
  }

  @Test
  void refusesADatabaseFromANewerRefit() throws Exception {
    Database db = Database.open(dir);
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO schema_version VALUES (99, 'V99__future.sql', 'now')");
    }
    assertThatThrownBy(() -> Database.open(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("refit.db")
        .hasMessageContaining("schema version 99 is newer");
  }

  @Test
  void stateDirectoryFollowsTheEnvironment() {
    assertThat(Database.defaultDirectory(Map.of("REFIT_STATE_DIR", "/srv/refit")))
        .isEqualTo(Path.of("/srv/refit"));
    assertThat(Database.defaultDirectory(Map.of("XDG_STATE_HOME", "/x"))).isEqualTo(Path.of("/x/refit"));
    assertThat(Database.defaultDirectory(Map.of()).toString()).endsWith(".local/state/refit");
  }
}
