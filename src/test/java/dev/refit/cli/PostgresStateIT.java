package dev.refit.cli;

import static dev.refit.cli.UpdateTestbed.SERVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.store.Database;
import dev.refit.store.DatabaseUrl;
import dev.refit.store.UpdateHistory;
import dev.refit.store.UpdateOutcome;
import dev.refit.testing.PostgresProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code refit update} and {@code refit history} with {@code REFIT_DATABASE_URL}: the update is
 * journaled and recorded on the PostgreSQL server, read back from there, and the state directory
 * keeps only the lock.
 */
class PostgresStateIT {
  @Test
  void updateAndHistoryGoThroughTheConfiguredServer() throws Exception {
    try (UpdateTestbed bed = new UpdateTestbed("pg-state-it", null);
        PostgresProcess postgres = PostgresProcess.start()) {
      String serve = "CMD [\"sh\",\"-c\",\"" + SERVE + "\"]";
      bed.publish("pgapp:1.0.0", "LABEL v=1", serve);
      bed.publish("pgapp:1.0.1", "LABEL v=2", serve);
      bed.run(
          "pg-web",
          "{\"Image\": \"%s\", \"StopTimeout\": 1, \"HostConfig\": {\"NetworkMode\": \"none\"}}"
              .formatted(bed.image("pgapp:1.0.0")),
          Map.of());
      PostgresProcess.Login login = postgres.createDatabase();
      Path passwordFile = Files.writeString(bed.dir.resolve("db-password"), login.password() + "\n");
      Map<String, String> database =
          Map.of(
              "REFIT_DATABASE_URL", login.url(),
              "REFIT_DATABASE_PASSWORD_FILE", passwordFile.toString(),
              "REFIT_UPDATE_STABILITY", "1s");

      RefitCli.Run update = bed.refit(database, "update", "pg-web");
      assertThat(update.exitCode()).as(update.toString()).isZero();

      RefitCli.Run history = bed.refit(database, "history");
      assertThat(history.exitCode()).as(history.toString()).isZero();
      assertThat(history.out())
          .containsPattern("pg-web +" + java.util.regex.Pattern.quote(bed.image("pgapp:1.0.0")) + " +\\S+ +applied");
      try (Database server =
          Database.open(bed.stateDir, DatabaseUrl.parse(login.url()).withPassword(login.password()))) {
        assertThat(new UpdateHistory(server).page(0, 10))
            .singleElement()
            .satisfies(
                e -> {
                  assertThat(e.targetName()).isEqualTo("pg-web");
                  assertThat(e.outcome()).isEqualTo(UpdateOutcome.APPLIED);
                });
      }
      assertThat(bed.stateDir.resolve("refit.db")).doesNotExist();
      assertThat(bed.stateDir.resolve("refit.lock")).exists();
      assertThat(bed.refit("history").out()).isEqualTo("no updates recorded yet\n");

      RefitCli.Run config = bed.refit(database, "config");
      assertThat(config.out())
          .contains("  database: " + login.url() + "\n  databasePassword: '***'\n")
          .doesNotContain(login.password());
    }
  }
}
