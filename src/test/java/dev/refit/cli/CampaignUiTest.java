package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.campaign.run.CampaignRunner;
import dev.refit.campaign.run.CampaignStore;
import dev.refit.campaign.run.FakeFleet;
import dev.refit.server.ui.CampaignControl;
import dev.refit.server.ui.CampaignControl.CampaignForm;
import dev.refit.store.Database;
import dev.refit.testing.MovableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The UI's campaign form goes through the API's parser and runner: same campaigns, same refusals. */
class CampaignUiTest {
  @TempDir Path stateDir;
  @AutoClose private Database db;

  @Test
  void aFormBecomesTheApisCampaignAndItsFailureIsShown() {
    FakeFleet fleet = new FakeFleet().add("edge-1", true, Set.of("edge")).add("edge-2", true, Set.of("edge"));
    db = Database.open(stateDir);
    CampaignRunner runner =
        new CampaignRunner(
            new CampaignStore(db), fleet, fleet,
            new MovableClock(Instant.parse("2026-11-30T10:00:00Z")), Runnable::run, () -> "c-1");
    fleet.addListener(runner);
    CampaignControl ui = new CampaignUi(runner);

    assertThatThrownBy(() -> ui.create(form("upgrade-agent", "refit:1.1.0", "x"), "ui:t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batchSize must be a whole number");
    assertThatThrownBy(() -> ui.create(form("downgrade", "refit:1.1.0", ""), "ui:t"))
        .hasMessageContaining("action 'downgrade' is not one of upgrade-agent, apply");
    assertThat(ui.campaigns()).isEmpty();

    String id = ui.create(form("upgrade-agent", "refit:1.1.0", "1"), "ui:t");
    fleet.report("edge-1", id + "/edge-1", false, "rolled back: new agent exited 1");

    CampaignControl.CampaignDetail detail = ui.campaign(id).orElseThrow();
    assertThat(detail.campaign().phase()).isEqualTo("halted");
    assertThat(detail.campaign().strategy()).contains("batches of 1").contains("halt after 1 failure");
    assertThat(detail.environments().get(0).state()).isEqualTo("failed");
    assertThat(detail.environments().get(0).message()).contains("new agent exited 1");
    assertThat(detail.campaign().running()).isFalse();
    assertThat(ui.campaigns()).extracting(CampaignControl.Campaign::id).containsExactly(id);
  }

  private static CampaignForm form(String action, String image, String batchSize) {
    return new CampaignForm(action, image, "", false, "", "edge", "", "", batchSize, "1");
  }
}
