package dev.refit.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.testing.OpenDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on the embedded SQLite file; what it shares with PostgreSQL is in {@link StoreContract}. */
class StoreTest extends StoreContract {
  @TempDir Path dir;
  @AutoClose private final OpenDatabases databases = new OpenDatabases();

  @Override
  Database open() {
    return databases.open(dir);
  }

  @Test
  void theFileLivesInTheStateDirectory() {
    Database db = open();
    assertThat(db.directory()).isEqualTo(dir);
    assertThat(db).hasToString(dir.resolve("refit.db").toString());
    assertThat(dir.resolve("refit.db")).exists();
  }

  @Test
  void connectionsAreReusedAndClosingTheDatabaseLeavesTheWholeStateInItsFile() throws Exception {
    Database db = open();
    Sightings sightings = new Sightings(db);
    UpdateKey key = new UpdateKey("container", "web", "local", "app:2", "sha256:" + "a".repeat(64));
    sightings.see(key, Instant.parse("2026-11-30T10:00:00Z"));
    // a connection kept open keeps the WAL: the last write may live only there
    assertThat(dir.resolve("refit.db-wal")).exists();
    db.close();
    // the last close checkpoints into refit.db and removes the WAL: a copy of the file is whole
    assertThat(dir.resolve("refit.db-wal")).doesNotExist();
    Path copy = Files.createTempDirectory(dir, "copy");
    Files.copy(dir.resolve("refit.db"), copy.resolve("refit.db"));
    Database copied = Database.open(copy);
    assertThat(new Sightings(copied).see(key, Instant.parse("2026-11-30T11:00:00Z")))
        .isEqualTo(new Sightings.Sighting(Instant.parse("2026-11-30T10:00:00Z"), false));
    copied.close();
    // still usable after close, each call on a connection of its own
    assertThat(sightings.see(key, Instant.now()).first()).isFalse();
  }

  /**
   * Databases created by earlier Refits keep working only if SQLite is given, under the same
   * versions, exactly the statements they were migrated with: these are the SHA-256 of the files
   * as first shipped.
   */
  @Test
  void sqliteRunsTheMigrationsExactlyAsShipped() throws Exception {
    Migrations sqlite = new Migrations("test", Dialect.SQLITE);
    assertThat(sha256(sqlite.sql("V1__history_and_journal.sql")))
        .isEqualTo("80fb5e4e9e55d6fd852ebe819c36f432f4ed3b7571809a5ee81159e7f21fd083");
    assertThat(sha256(sqlite.sql("V2__approvals_and_sightings.sql")))
        .isEqualTo("9fd2afe9f57065dc605d490290248b5626ffb60482ddb77e5b95693ef889234c");
  }

  @Test
  void stateDirectoryFollowsTheEnvironment() {
    assertThat(Database.defaultDirectory(Map.of("REFIT_STATE_DIR", "/srv/refit")))
        .isEqualTo(Path.of("/srv/refit"));
    assertThat(Database.defaultDirectory(Map.of("XDG_STATE_HOME", "/x"))).isEqualTo(Path.of("/x/refit"));
    assertThat(Database.defaultDirectory(Map.of()).toString()).endsWith(".local/state/refit");
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
