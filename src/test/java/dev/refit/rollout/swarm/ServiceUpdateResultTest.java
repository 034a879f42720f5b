package dev.refit.rollout.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.store.HistoryEntry;
import dev.refit.store.UpdateOutcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServiceUpdateResultTest {
  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);

  @Test
  void becomesAHistoryEntryWithBothDigests() {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    ServiceUpdateResult rolledBack =
        new ServiceUpdateResult(UpdateOutcome.ROLLED_BACK, "id1", "web", "r/app:1@" + A, "r/app:2@" + B,
            "the update paused: x; rolled back to r/app:1@" + A, true, start, start.plusSeconds(9));

    HistoryEntry entry = rolledBack.toHistory("unix:///var/run/docker.sock", "cli");

    assertThat(entry)
        .isEqualTo(
            new HistoryEntry(0, start, start.plusSeconds(9), "service", "web", "unix:///var/run/docker.sock",
                "r/app:1@" + A, "r/app:2@" + B, A, B, UpdateOutcome.ROLLED_BACK,
                "the update paused: x; rolled back to r/app:1@" + A, "cli"));
  }

  @Test
  void aCompletedUpdateNeedsNoMessage() {
    Instant now = Instant.now();
    ServiceUpdateResult done =
        new ServiceUpdateResult(UpdateOutcome.APPLIED, "id1", "web", "r/app:1", "r/app:2@" + B,
            "service web runs r/app:2@" + B, true, now, now);
    HistoryEntry entry = done.toHistory("h", "cli");
    assertThat(entry.message()).isNull();
    assertThat(entry.fromDigest()).isNull();
    assertThat(entry.toDigest()).isEqualTo(B);
  }
}
