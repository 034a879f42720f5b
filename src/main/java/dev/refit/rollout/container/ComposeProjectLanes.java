package dev.refit.rollout.container;

import dev.refit.compose.ComposeService;
import dev.refit.plan.UpdatePlan;
import dev.refit.rollout.DependencyGraph;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the services of one Compose project in one group, one after another. Their updates edit
 * the same files (the compose file, its {@code .env}): two at once would each plan an edit of the
 * file as it was before the other wrote it, and one of the edits would be refused as "changed
 * after Refit read it". Going one by one, each reads what the one before wrote.
 */
final class ComposeProjectLanes {
  private ComposeProjectLanes() {}

  /**
   * @param groups the dependency groups, as the graph made them
   * @param containers every container on the engine (for their Compose labels)
   */
  static List<DependencyGraph.Group<UpdatePlan>> join(
      List<DependencyGraph.Group<UpdatePlan>> groups, List<ContainerInfo> containers) {
    Map<String, String> projectById = new HashMap<>();
    for (ContainerInfo c : containers) {
      String project = c.labels().get(ComposeService.PROJECT);
      if (project != null) {
        projectById.put(c.id(), project + "\n" + c.labels().getOrDefault(ComposeService.WORKING_DIR, ""));
      }
    }
    // groups keep their place: a joined group stands where its first part stood
    Map<Object, List<DependencyGraph.Group<UpdatePlan>>> joined = new LinkedHashMap<>();
    for (DependencyGraph.Group<UpdatePlan> group : groups) {
      Object key = group;
      for (UpdatePlan plan : group.members()) {
        String project = projectById.get(plan.target().id());
        if (project != null) {
          key = project;
          break;
        }
      }
      joined.computeIfAbsent(key, k -> new ArrayList<>()).add(group);
    }
    List<DependencyGraph.Group<UpdatePlan>> result = new ArrayList<>();
    for (List<DependencyGraph.Group<UpdatePlan>> parts : joined.values()) {
      if (parts.size() == 1) {
        result.add(parts.get(0));
        continue;
      }
      List<UpdatePlan> members = new ArrayList<>();
      List<String> cycle = List.of();
      for (DependencyGraph.Group<UpdatePlan> part : parts) {
        members.addAll(part.members());
        cycle = cycle.isEmpty() ? part.cycle() : cycle;
      }
      result.add(new DependencyGraph.Group<>(members, cycle));
    }
    return result;
  }
}
