package dev.refit.campaign.run;

import dev.refit.fleet.protocol.Command;
import dev.refit.fleet.protocol.CommandReport;
import dev.refit.fleet.protocol.InventoryTarget;
import dev.refit.fleet.protocol.SwarmRole;
import dev.refit.fleet.protocol.TargetKind;
import dev.refit.fleet.server.EnvironmentView;
import dev.refit.fleet.server.FleetDirectory;
import dev.refit.fleet.server.FleetDispatch;
import dev.refit.fleet.server.FleetListener;
import dev.refit.fleet.server.UnknownEnvironmentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The fleet as campaigns see it (also for the CLI test): environments to select, a dispatch that records what was sent. */
public final class FakeFleet implements FleetDispatch, FleetDirectory {
  record Sent(String environment, Command command) {}

  private final Map<String, EnvironmentView> environments = new LinkedHashMap<>();
  private final List<FleetListener> listeners = new ArrayList<>();
  final List<Sent> sent = new ArrayList<>();

  public FakeFleet add(String name, boolean online, Set<String> labels, String... images) {
    List<InventoryTarget> targets = new ArrayList<>();
    for (String image : images) {
      targets.add(
          new InventoryTarget(
              TargetKind.CONTAINER, name + "-" + targets.size(), image, "1.0", "sha256:" + "0".repeat(64), null,
              "semver", "auto"));
    }
    environments.put(name, new EnvironmentView(name, labels, online, null, "1.0.0", "20.10.24", SwarmRole.STANDALONE, targets));
    return this;
  }

  void remove(String name) {
    environments.remove(name);
  }

  /** The agent connects: the directory says so, and the listeners hear it. */
  void online(String name) {
    setOnline(name, true);
    listeners.forEach(l -> l.onOnline(name));
  }

  void offline(String name) {
    setOnline(name, false);
    listeners.forEach(l -> l.onOffline(name));
  }

  void setOnline(String name, boolean online) {
    EnvironmentView e = environments.get(name);
    environments.put(
        name,
        new EnvironmentView(e.name(), e.labels(), online, e.lastSeen(), e.refitVersion(), e.engineVersion(),
            e.swarmRole(), e.targets()));
  }

  public void report(String environment, String commandId, boolean ok, String message) {
    CommandReport report = new CommandReport(commandId, ok, message, ok ? "" : "tail of " + environment);
    listeners.forEach(l -> l.onReport(environment, report));
  }

  public List<String> sentTo() {
    return sent.stream().map(Sent::environment).toList();
  }

  @Override
  public void send(String environment, Command command) {
    if (!environments.containsKey(environment)) {
      throw new UnknownEnvironmentException(environment);
    }
    sent.add(new Sent(environment, command));
  }

  @Override
  public void addListener(FleetListener listener) {
    listeners.add(listener);
  }

  @Override
  public List<EnvironmentView> environments() {
    return List.copyOf(environments.values());
  }

  @Override
  public Optional<EnvironmentView> environment(String name) {
    return Optional.ofNullable(environments.get(name));
  }
}
