package dev.refit.fleet.server;

import dev.refit.store.Database;
import dev.refit.store.UpdateHistory;

/** What the hub keeps about agents, in the server's database or (for tests) in memory. */
public record HubStores(
    AgentStore agents,
    EnvironmentStore environments,
    CommandQueue commands,
    UpstreamHistory history,
    JoinTokenStore joinTokens) {

  public static HubStores sql(Database db) {
    return new HubStores(
        new SqlAgentStore(db),
        new SqlEnvironmentStore(db),
        new SqlCommandQueue(db),
        new SqlUpstreamHistory(new UpdateHistory(db)),
        new SqlJoinTokenStore(db));
  }

  public static HubStores inMemory() {
    return new HubStores(
        new InMemoryAgentStore(),
        new InMemoryEnvironmentStore(),
        new InMemoryCommandQueue(),
        new InMemoryUpstreamHistory(),
        new InMemoryJoinTokenStore());
  }
}
