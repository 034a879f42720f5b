package dev.refit.campaign.run;

import dev.refit.store.Database;
import dev.refit.testing.LoopbackApi;
import dev.refit.testing.MovableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/campaigns} on loopback, its runner on a {@link FakeFleet} and a still clock, every
 * campaign numbered {@code c-1}: what the routes' test and the CLI's test share.
 */
public final class CampaignServer implements AutoCloseable {
  private final LoopbackApi api;
  private final Database db;

  public CampaignServer(Path stateDir, FakeFleet fleet) {
    db = Database.open(stateDir);
    CampaignRunner runner =
        new CampaignRunner(
            new CampaignStore(db), fleet, fleet,
            new MovableClock(Instant.parse("2026-11-30T10:00:00Z")), Runnable::run, () -> "c-1");
    fleet.addListener(runner);
    api = LoopbackApi.serve(List.of(new CampaignRoutes(runner)));
  }

  public String base() {
    return api.base();
  }

  public Map<String, String> cliEnvironment() {
    return api.cliEnvironment();
  }

  @Override
  public void close() {
    api.close();
    db.close();
  }
}
