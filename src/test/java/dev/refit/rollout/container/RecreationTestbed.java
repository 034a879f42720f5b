package dev.refit.rollout.container;

import dev.refit.config.UpdateSettings;
import dev.refit.rollout.PausePoint;
import dev.refit.rollout.RolloutListener;
import dev.refit.rollout.container.FakeContainerEngine.Box;
import dev.refit.rollout.container.RecreationPlan.Member;
import dev.refit.store.Database;
import dev.refit.store.Journal;
import dev.refit.target.Target;
import dev.refit.target.TargetKind;
import dev.refit.target.UpdateRules;
import dev.refit.testing.MovableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A recreate against {@link FakeContainerEngine} with the real journal (SQLite in a temporary
 * directory): the stability window is 2s and the health timeout 5s of the fake clock, which the
 * gates' sleeper advances, so no test waits.
 */
final class RecreationTestbed implements AutoCloseable {
  static final Duration POLL = Duration.ofMillis(250);

  final MovableClock time = new MovableClock(Instant.parse("2026-11-30T05:00:00Z"));
  final FakeContainerEngine engine = new FakeContainerEngine(time);
  final Path stateDir;
  final Journal journal;
  private final Database database;
  final List<String> steps = new ArrayList<>();
  /** What the jobs do with the updated container's volumes; none unless a test sets it. */
  BackupPlan backup;

  RecreationTestbed(Path stateDir) {
    this.stateDir = stateDir;
    this.database = Database.open(stateDir);
    this.journal = new Journal(database, time);
  }

  /** Closes the journal's database (its pooled connections keep the file open). */
  @Override
  public void close() {
    database.close();
  }

  Recreation recreation() {
    UpdateSettings settings =
        new UpdateSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), false);
    return new Recreation(
        engine,
        journal,
        PausePoint.none(),
        new ReadinessChoice(settings, time, time::advance, POLL),
        new Hooks(null, Duration.ofSeconds(5)), // no post-update hook in these jobs
        time);
  }

  /** The job of updating {@code boxes} (the first is the updated one) from app:1 to app:2. */
  Recreation.Job job(Box... boxes) {
    List<Member> members = new ArrayList<>();
    List<CreateRequest> requests = new ArrayList<>();
    List<Map<String, String>> labels = new ArrayList<>();
    for (Box b : boxes) {
      members.add(new Member(b.name, b.id, b.imageId, b.running));
      requests.add(
          new CreateRequest(
              b.name,
              FakeContainerEngine.body("app:2", "TOKEN=s3cret-value", "MODE=x"),
              Map.of()));
      labels.add(Map.of());
    }
    RecreationPlan plan =
        new RecreationPlan("unix:///fake", "app:1", "app:2", null, null, members, List.of(), List.of(), backup);
    return new Recreation.Job(plan, requests, labels, null);
  }

  Recreation.Outcome run(Box primary, Box... more) {
    Box[] all = Stream.concat(Stream.of(primary), Stream.of(more)).toArray(Box[]::new);
    return recreation().run(target(primary), job(all), listener());
  }

  RolloutListener listener() {
    return new RolloutListener() {
      @Override
      public void step(Target target, String description) {
        steps.add(description);
      }
    };
  }

  static Target target(Box b) {
    return new Target(
        TargetKind.CONTAINER, b.id, b.name, "unix:///fake", b.configImage, b.imageId, List.of(),
        UpdateRules.fromLabels(Map.of(), false));
  }

  /**
   * Gives {@code b} the volume {@code name} holding {@code v1.sql} with {@code old schema}, and
   * makes the jobs snapshot it (helper image {@code busybox}, keep {@code keep}).
   */
  FakeContainerEngine.Volume backedUpVolume(Box b, String name, int keep) {
    FakeContainerEngine.Volume v = engine.addVolume(name, "local", "db.sql", "old schema");
    b.volumes = List.of(name);
    backup =
        new BackupPlan(
            DataHelper.plain(b.name + "-refit-data", "busybox"),
            Map.of(name, name + "-refit-snap-20261130-050000"),
            Map.of(),
            keep,
            time.instant().toString());
    return v;
  }

  /** Makes every later journal write fail, as a full disk or a database taken away would. */
  void breakJournal() {
    try (Stream<Path> files = Files.list(stateDir)) {
      Path db = files.filter(f -> f.getFileName().toString().equals("refit.db")).findFirst().orElseThrow();
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
          Statement s = c.createStatement()) {
        s.execute("ALTER TABLE journal RENAME TO journal_gone");
      }
    } catch (java.io.IOException | SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
