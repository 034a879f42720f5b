package dev.refit.campaign.run;

import dev.refit.fleet.protocol.Action;
import dev.refit.fleet.protocol.InventoryTarget;
import dev.refit.fleet.server.EnvironmentView;
import dev.refit.fleet.server.FleetDirectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which environments a campaign covers: all of them, those carrying every one of some labels, or
 * some by name (in the order given, which is the campaign's order). Resolved once, at creation: an
 * environment enrolled later is not pulled into a running campaign.
 */
public record EnvironmentSelection(boolean all, Set<String> labels, List<String> names) {
  public EnvironmentSelection {
    labels = Set.copyOf(labels);
    names = List.copyOf(names);
    int ways = (all ? 1 : 0) + (labels.isEmpty() ? 0 : 1) + (names.isEmpty() ? 0 : 1);
    if (ways != 1) {
      throw new CampaignError(400, "select the environments one way: all, by labels, or by names");
    }
  }

  public static EnvironmentSelection everything() {
    return new EnvironmentSelection(true, Set.of(), List.of());
  }

  public static EnvironmentSelection withLabels(Set<String> labels) {
    return new EnvironmentSelection(false, labels, List.of());
  }

  public static EnvironmentSelection named(List<String> names) {
    return new EnvironmentSelection(false, Set.of(), names);
  }

  /** The chosen environments, in campaign order, each with its targets from the scope (APPLY). */
  public record Resolved(List<String> environments, Map<String, List<String>> targets) {}

  Resolved resolve(FleetDirectory directory, CampaignScope scope) {
    List<EnvironmentView> chosen = new ArrayList<>();
    if (!names.isEmpty()) {
      for (String name : names) {
        chosen.add(
            directory
                .environment(name)
                .orElseThrow(() -> new CampaignError(400, "no environment named '" + name + "'")));
      }
    } else {
      directory.environments().stream()
          .filter(e -> all || e.labels().containsAll(labels))
          .forEach(chosen::add);
    }
    Map<String, List<String>> targets = new LinkedHashMap<>();
    for (EnvironmentView e : chosen) {
      List<String> matching =
          scope.action() == Action.APPLY
              ? e.targets().stream().filter(t -> scope.matches(t.image())).map(InventoryTarget::name).toList()
              : List.of();
      boolean relevant = scope.action() != Action.APPLY || !matching.isEmpty();
      if (relevant) {
        targets.put(e.name(), matching);
      } else if (!names.isEmpty()) {
        // named by hand: leaving it out silently would hide a typo in the repository
        throw new CampaignError(
            400, "environment '" + e.name() + "' has no target from " + scope.image() + " in its last inventory");
      }
    }
    if (targets.isEmpty()) {
      throw new CampaignError(
          400,
          scope.action() == Action.APPLY
              ? "no selected environment has a target from " + scope.image()
              : all ? "there are no environments" : "no environment has the labels " + labels);
    }
    return new Resolved(List.copyOf(targets.keySet()), targets);
  }
}
