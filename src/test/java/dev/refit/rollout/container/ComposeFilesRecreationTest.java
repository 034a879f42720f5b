package dev.refit.rollout.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.compose.ComposeFiles;
import dev.refit.compose.FileEdit;
import dev.refit.config.UpdateSettings;
import dev.refit.files.AtomicFileWriter;
import dev.refit.files.TextFileWriter;
import dev.refit.rollout.PausePoint;
import dev.refit.rollout.RecoveryResult;
import dev.refit.rollout.RolloutOutcome;
import dev.refit.rollout.container.FakeContainerEngine.Box;
import dev.refit.rollout.container.FakeContainerEngine.Killed;
import dev.refit.store.JournalEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Compose file edit as a journaled step of a recreate: made only once the new container
 * passed its gate, undone with the containers by a rollback or a recovery from before the
 * commit, completed by a recovery after it, and never written over someone else's change.
 */
class ComposeFilesRecreationTest {
  private static final String BEFORE = "services:\n  web:\n    image: app:1  # pinned\n";
  private static final String AFTER = "services:\n  web:\n    image: app:2  # pinned\n";
  private static final String NOTE = "compose: writes app:2 into docker-compose.yml:3";

  @TempDir Path dir;
  @AutoClose private RecreationTestbed bed;
  private FakeContainerEngine engine;
  private Box web;
  private Path yml;

  @BeforeEach
  void setUp() throws IOException {
    bed = new RecreationTestbed(dir);
    engine = bed.engine;
    web = engine.add("web", "app:1", true);
    yml = Files.writeString(Files.createDirectories(dir.resolve("project")).resolve("docker-compose.yml"), BEFORE);
  }

  @Test
  void theFileIsEditedOnceTheNewContainerPassedItsGate() throws IOException {
    Recreation.Outcome outcome = recreation(new AtomicFileWriter()).run(RecreationTestbed.target(web), job(), bed.listener());

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.APPLIED);
    assertThat(outcome.message()).isEqualTo(NOTE);
    assertThat(Files.readString(yml)).isEqualTo(AFTER);
    assertThat(bed.steps).contains("writing app:2 into the compose files");
  }

  @Test
  void aFileThatCannotBeWrittenLeavesTheUpdateStandingAndSaysWhatComposeUpWouldDo() throws IOException {
    TextFileWriter readOnly = (file, expected, text) -> {
      throw new IOException("the file is read-only");
    };

    Recreation.Outcome outcome = recreation(readOnly).run(RecreationTestbed.target(web), job(), bed.listener());

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.APPLIED);
    assertThat(outcome.message()).isEqualTo("compose file " + yml + " could not be written (the file is"
        + " read-only), so `docker compose up` would put the old version back");
    assertThat(Files.readString(yml)).isEqualTo(BEFORE);
  }

  @Test
  void aNewContainerThatFailsItsGateLeavesTheFileAsItWas() throws IOException {
    engine.whenCreated("web", false, b -> {}, b -> b.exit(1));

    Recreation.Outcome outcome = recreation(new AtomicFileWriter()).run(RecreationTestbed.target(web), job(), bed.listener());

    assertThat(outcome.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
    assertThat(Files.readString(yml)).isEqualTo(BEFORE);
  }

  @Test
  void aRunKilledAfterTheEditBeforeTheCommitHasTheFileRestoredByTheRecovery() throws IOException {
    assertThatThrownBy(() -> recreation(killedAfterWriting()).run(RecreationTestbed.target(web), job(), bed.listener()))
        .isInstanceOf(Killed.class);
    assertThat(Files.readString(yml)).isEqualTo(AFTER);

    RecoveryResult result = recover();

    assertThat(result.interruptedAt()).isEqualTo(Step.EDIT_FILES.stored());
    assertThat(result.completed()).isFalse();
    assertThat(Files.readString(yml)).isEqualTo(BEFORE);
    assertThat(engine.box("web").orElseThrow().id).isEqualTo(web.id);
  }

  @Test
  void aFileSomeoneChangedSinceTheEditIsNotClobberedByTheRecovery() throws IOException {
    assertThatThrownBy(() -> recreation(killedAfterWriting()).run(RecreationTestbed.target(web), job(), bed.listener()))
        .isInstanceOf(Killed.class);
    Files.writeString(yml, AFTER.replace("app:2", "app:7"));

    RecoveryResult result = recover();

    assertThat(result.message()).contains("compose file " + yml
        + " was changed by someone else since Refit edited it: left as it is");
    assertThat(Files.readString(yml)).isEqualTo(AFTER.replace("app:2", "app:7"));
    assertThat(engine.box("web").orElseThrow().id).as("the containers are rolled back all the same").isEqualTo(web.id);
  }

  @Test
  void aRunKilledAfterTheCommitKeepsTheEdit() throws IOException {
    engine.before("remove " + web.id, () -> {
      throw new Killed("remove");
    });
    assertThatThrownBy(() -> recreation(new AtomicFileWriter()).run(RecreationTestbed.target(web), job(), bed.listener()))
        .isInstanceOf(Killed.class);

    RecoveryResult result = recover();

    assertThat(result.completed()).isTrue();
    assertThat(Files.readString(yml)).isEqualTo(AFTER);
  }

  private TextFileWriter killedAfterWriting() {
    return (file, expected, text) -> {
      new AtomicFileWriter().write(file, expected, text);
      throw new Killed("edit-files");
    };
  }

  private RecoveryResult recover() {
    List<JournalEntry> left = bed.journal.unfinished();
    assertThat(left).hasSize(1);
    return new JournalRecovery(engine, bed.journal, Optional.empty())
        .recover(left.get(0), RecreationPlan.fromJson(left.get(0).plan()));
  }

  private Recreation.Job job() {
    Recreation.Job plain = bed.job(web);
    RecreationPlan p = plain.plan();
    FileEdit edit =
        FileEdit.of(yml.toString(), BEFORE, List.of(new FileEdit.Replacement(BEFORE.indexOf("app:1") + 4, "1", "2")));
    RecreationPlan withFiles =
        new RecreationPlan(
            p.location(), p.fromImage(), p.toImage(), null, null, p.members(), p.restart(), List.of(edit), null);
    return new Recreation.Job(withFiles, plain.requests(), plain.labels(), null, NOTE, List.of());
  }

  private Recreation recreation(TextFileWriter writer) {
    UpdateSettings settings =
        new UpdateSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), false);
    return new Recreation(
        engine,
        bed.journal,
        PausePoint.none(),
        new ReadinessChoice(settings, bed.time, bed.time::advance, RecreationTestbed.POLL),
        new Hooks(null, Duration.ofSeconds(5)),
        new ComposeFiles(writer),
        bed.time);
  }
}
