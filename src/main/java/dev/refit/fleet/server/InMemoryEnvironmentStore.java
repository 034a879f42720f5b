package dev.refit.fleet.server;

import dev.refit.fleet.protocol.CommandReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** For tests. */
public final class InMemoryEnvironmentStore implements EnvironmentStore {
  private final Map<String, StoredEnvironment> environments = new HashMap<>();
  private final Map<String, Map<String, StoredReport>> reports = new HashMap<>();

  @Override
  public synchronized void save(String agentId, StoredEnvironment environment) {
    environments.put(agentId, environment);
  }

  @Override
  public synchronized Optional<StoredEnvironment> find(String agentId) {
    return Optional.ofNullable(environments.get(agentId));
  }

  @Override
  public synchronized void addReport(String agentId, CommandReport report, Instant at) {
    reports
        .computeIfAbsent(agentId, k -> new LinkedHashMap<>())
        .putIfAbsent(report.commandId(), new StoredReport(report, at));
  }

  @Override
  public synchronized List<StoredReport> reports(String agentId, int limit) {
    List<StoredReport> all = new ArrayList<>(reports.getOrDefault(agentId, Map.of()).values());
    java.util.Collections.reverse(all);
    return all.subList(0, Math.min(limit, all.size()));
  }
}
