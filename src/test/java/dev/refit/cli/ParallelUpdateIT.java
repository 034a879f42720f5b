package dev.refit.cli;

import static dev.refit.cli.UpdateTestbed.SERVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.store.HistoryEntry;
import dev.refit.store.UpdateOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code refit update} on a few real containers at once: independent ones are in flight together
 * (told by the history's times, not by the wall clock), one that depends on another waits for it,
 * and one whose new image crashes is rolled back while the others are applied.
 */
class ParallelUpdateIT {
  private static UpdateTestbed bed;

  @BeforeAll
  static void images() {
    bed = new UpdateTestbed("parallel-it", null);
    String serve = "[\"sh\",\"-c\",\"" + SERVE + "\"]";
    bed.publish("svc:1.0.0", "CMD " + serve);
    bed.publish("svc:1.0.1", "LABEL version=1.0.1", "CMD " + serve);
    bed.publish("crash:1.0.0", "CMD " + serve);
    bed.publish("crash:1.0.1", "CMD [\"sh\",\"-c\",\"echo boom >&2; exit 3\"]");
  }

  @AfterAll
  static void tearDown() {
    bed.containers.removeAll();
    bed.close();
  }

  private static String run(String name, String image, String labels) {
    return bed.run(
        name,
        """
        {"Image": "%s", "StopTimeout": 1, "Labels": {%s}, "HostConfig": {"NetworkMode": "none"}}
        """
            .formatted(bed.image(image), labels),
        Map.of());
  }

  @Test
  void independentContainersAreUpdatedAtOnceAndAFailingOneRollsBackAlone() {
    run("par-a", "svc:1.0.0", "");
    run("par-b", "svc:1.0.0", "");
    run("par-c", "svc:1.0.0", "");
    String crashId = run("par-crash", "crash:1.0.0", "");
    run("par-dep", "svc:1.0.0", "\"refit.depends-on\": \"par-a\"");

    RefitCli.Run run =
        bed.refit(
            Map.of("REFIT_UPDATE_PARALLELISM", "4"),
            "update", "par-a", "par-b", "par-c", "par-crash", "par-dep");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    Map<String, HistoryEntry> history =
        bed.history().stream().collect(Collectors.toMap(HistoryEntry::targetName, Function.identity()));
    assertThat(history.keySet()).containsExactlyInAnyOrder("par-a", "par-b", "par-c", "par-crash", "par-dep");
    assertThat(history.get("par-crash").outcome()).isEqualTo(UpdateOutcome.ROLLED_BACK);
    assertThat(history.get("par-crash").message()).contains("exited with code 3").contains("boom");
    for (String name : List.of("par-a", "par-b", "par-c", "par-dep")) {
      assertThat(history.get(name).outcome()).as(name).isEqualTo(UpdateOutcome.APPLIED);
    }
    // four lanes (a then dep, b, c, crash) for four threads: all four were in flight together
    List<HistoryEntry> firsts =
        List.of(history.get("par-a"), history.get("par-b"), history.get("par-c"), history.get("par-crash"));
    Instant lastStart = firsts.stream().map(HistoryEntry::startedAt).max(Instant::compareTo).orElseThrow();
    Instant firstEnd = firsts.stream().map(HistoryEntry::finishedAt).min(Instant::compareTo).orElseThrow();
    assertThat(lastStart).as("every update began before any ended").isBefore(firstEnd);
    // the dependant went after what it depends on
    assertThat(history.get("par-dep").startedAt()).isAfterOrEqualTo(history.get("par-a").finishedAt());
    // the failed one is the same container again; nothing is left half done
    assertThat(bed.inspect("par-crash").path("Id").asText()).isEqualTo(crashId);
    assertThat(bed.inspect("par-b").path("Config").path("Image").asText()).isEqualTo(bed.image("svc:1.0.1"));
    assertThat(bed.unfinishedJournalEntries()).isZero();
    for (String name : List.of("par-a", "par-b", "par-c", "par-crash", "par-dep")) {
      assertThat(bed.exists(name + "-refit-claim")).as(name + " claim").isFalse();
      assertThat(bed.exists(name + "-refit-old")).as(name + " parked").isFalse();
    }
    // the report lists the results in a fixed order, whatever order they finished in
    String out = run.out();
    assertThat(out.indexOf("par-a")).isLessThan(out.indexOf("par-dep"));
  }
}
