package dev.refit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code state.database}: the embedded SQLite file by default, or a PostgreSQL server. */
class DatabaseConfigTest {
  @TempDir Path dir;

  private static RefitConfig load(Map<String, String> environment) {
    return new ConfigLoader(environment).load(null);
  }

  private String printed(RefitConfig c) {
    return ConfigPrinter.render(c, "unix:///var/run/docker.sock", dir);
  }

  @Test
  void theEmbeddedFileUnlessAServerIsNamed() {
    RefitConfig c = load(Map.of());
    assertThat(c.database()).isNull();
    assertThat(printed(c)).contains("  database: null\n  databasePassword: null\n");
  }

  @Test
  void theServerFromTheEnvironmentWithItsPasswordFromAFile() throws Exception {
    Path secret = Files.writeString(dir.resolve("db-password"), "db-secret\n");
    RefitConfig c =
        load(Map.of("REFIT_DATABASE_URL", "postgresql://refit@db.lan:5432/refit", "REFIT_DATABASE_PASSWORD_FILE", secret.toString()));
    assertThat(c.database().jdbcUrl()).isEqualTo("jdbc:postgresql://db.lan:5432/refit");
    assertThat(c.database().password()).isEqualTo("db-secret");
    assertThat(printed(c))
        .contains("  database: postgresql://refit@db.lan:5432/refit\n  databasePassword: '***'\n")
        .doesNotContain("db-secret");
    assertThat(c.toString()).doesNotContain("db-secret");
  }

  @Test
  void aPasswordInTheUrlIsMaskedThere() throws Exception {
    Path file = Files.writeString(dir.resolve("refit.yml"), "state:\n  database: postgresql://refit:url-secret@db/refit\n");
    RefitConfig c = new ConfigLoader(Map.of()).load(file);
    assertThat(c.database().password()).isEqualTo("url-secret");
    assertThat(printed(c))
        .contains("  database: postgresql://refit:***@db/refit\n  databasePassword: null\n")
        .doesNotContain("url-secret");
    assertThat(c.toString()).doesNotContain("url-secret");
  }

  @Test
  void badValuesNameTheKeyAndNeverThePassword() {
    assertThatThrownBy(() -> load(Map.of("REFIT_DATABASE_URL", "mysql://refit:hunter2@db/refit")))
        .hasMessage(
            "REFIT_DATABASE_URL='mysql://refit:***@db/refit' is not a PostgreSQL URL; use"
                + " postgresql://user@host:5432/database or jdbc:postgresql://host:5432/database, or"
                + " leave it unset for the embedded SQLite database");
    assertThatThrownBy(() -> load(Map.of("REFIT_DATABASE_PASSWORD", "hunter2")))
        .hasMessage(
            "environment: state.databasePassword is set but state.database is not; set state.database"
                + " (REFIT_DATABASE_URL) to a PostgreSQL URL, or drop the password")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(
            () ->
                load(Map.of("REFIT_DATABASE_URL", "postgresql://refit:one@db/refit", "REFIT_DATABASE_PASSWORD", "two")))
        .hasMessage(
            "environment: state.database has a password in it and state.databasePassword gives one"
                + " too; keep one")
        .hasMessageNotContaining("one@")
        .hasMessageNotContaining("two");
    assertThatThrownBy(
            () ->
                load(Map.of("REFIT_DATABASE_URL", "postgresql://refit@db/refit", "REFIT_DATABASE_PASSWORD", "a",
                    "REFIT_DATABASE_PASSWORD_FILE", "/nonexistent")))
        .hasMessageContaining("has both databasePassword and databasePasswordFile; keep one");
  }
}
