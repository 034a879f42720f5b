package dev.refit.rollout;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which targets depend on which (by id), and so which updates must go one after another and which
 * may run at the same time. Two updates go in the same {@link Group} when one depends on the
 * other, even through targets that are not updated, or when something depends on both (updating
 * either restarts it: two at once would restart it twice, concurrently). Depending on a common
 * third target alone does not join them: neither update touches it.
 */
public final class DependencyGraph {
  /** child id -> the ids it depends on directly. */
  private final Map<String, Set<String>> parents;

  private DependencyGraph(Map<String, Set<String>> parents) {
    this.parents = parents;
  }

  /** @param parents each id to the ids it depends on directly; self-references are ignored */
  public static DependencyGraph of(Map<String, ? extends Collection<String>> parents) {
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    parents.forEach(
        (child, its) -> {
          Set<String> mine = new LinkedHashSet<>(its);
          mine.remove(child);
          copy.put(child, Set.copyOf(mine));
        });
    return new DependencyGraph(copy);
  }

  /** Nothing depends on anything: every update may go on its own. */
  public static DependencyGraph none() {
    return new DependencyGraph(Map.of());
  }

  /**
   * Updates that go one at a time, in this order (what is depended on first).
   *
   * @param members in the order to apply them
   * @param cycle ids around a dependency cycle among them ({@code a, b, a}), or empty: within a
   *     cycle no order is right, and the members keep the order they were given in
   */
  public record Group<T>(List<T> members, List<String> cycle) {
    public Group {
      members = List.copyOf(members);
      cycle = List.copyOf(cycle);
    }
  }

  /** Whether {@code childId} depends on {@code parentId}, directly or through others. */
  public boolean dependsOn(String childId, String parentId) {
    return ancestors(childId).contains(parentId);
  }

  /**
   * Splits the items into groups that may run at the same time as each other; each group in
   * dependency order, the groups in the order of their first item.
   */
  public <T> List<Group<T>> groups(List<T> items, Function<T, String> idOf) {
    Map<String, List<Integer>> indexById = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      indexById.computeIfAbsent(idOf.apply(items.get(i)), k -> new ArrayList<>()).add(i);
    }
    int[] root = new int[items.size()];
    for (int i = 0; i < root.length; i++) {
      root[i] = i;
    }
    Set<String> nodes = new LinkedHashSet<>(indexById.keySet());
    parents.forEach(
        (child, its) -> {
          nodes.add(child);
          nodes.addAll(its);
        });
    for (String node : nodes) {
      // node and every item it hangs on, directly or not, must not be updated at the same time
      List<Integer> joined = new ArrayList<>(indexById.getOrDefault(node, List.of()));
      for (String ancestor : ancestors(node)) {
        joined.addAll(indexById.getOrDefault(ancestor, List.of()));
      }
      for (int i = 1; i < joined.size(); i++) {
        union(root, joined.get(0), joined.get(i));
      }
    }
    Map<Integer, List<T>> byRoot = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      byRoot.computeIfAbsent(find(root, i), k -> new ArrayList<>()).add(items.get(i));
    }
    List<Group<T>> groups = new ArrayList<>();
    for (List<T> members : byRoot.values()) {
      List<String> cycle = List.of();
      for (T member : members) {
        String id = idOf.apply(member);
        if (dependsOn(id, id)) {
          cycle = cycleThrough(id);
          break;
        }
      }
      groups.add(new Group<>(cycle.isEmpty() ? order(members, idOf) : members, cycle));
    }
    return groups;
  }

  /**
   * The items in an order where everything comes after what it depends on; otherwise the given
   * order is kept. Items in a cycle come in some order that breaks it.
   */
  public <T> List<T> order(List<T> items, Function<T, String> idOf) {
    Set<T> placed = new LinkedHashSet<>();
    for (T item : items) {
      place(item, items, idOf, placed, new HashSet<>());
    }
    return new ArrayList<>(placed);
  }

  private <T> void place(T item, List<T> items, Function<T, String> idOf, Set<T> placed, Set<T> visiting) {
    if (placed.contains(item) || !visiting.add(item)) {
      return;
    }
    for (T other : items) {
      if (other != item && dependsOn(idOf.apply(item), idOf.apply(other))) {
        place(other, items, idOf, placed, visiting);
      }
    }
    placed.add(item);
  }

  /** Every id {@code id} depends on, directly or through others (itself only in a cycle). */
  private Set<String> ancestors(String id) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(parents.getOrDefault(id, Set.of()));
    while (!todo.isEmpty()) {
      String next = todo.pop();
      if (seen.add(next)) {
        todo.addAll(parents.getOrDefault(next, Set.of()));
      }
    }
    return seen;
  }

  /** The shortest way from {@code id} back to itself along dependencies: {@code [a, b, a]}. */
  private List<String> cycleThrough(String id) {
    Map<String, String> cameFrom = new HashMap<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.add(id);
    while (!todo.isEmpty()) {
      String next = todo.poll();
      for (String parent : parents.getOrDefault(next, Set.of())) {
        if (parent.equals(id)) {
          List<String> path = new ArrayList<>();
          for (String at = next; ; at = cameFrom.get(at)) {
            path.add(0, at);
            if (at.equals(id)) {
              break;
            }
          }
          path.add(id);
          return path;
        }
        if (!cameFrom.containsKey(parent) && !parent.equals(id)) {
          cameFrom.put(parent, next);
          todo.add(parent);
        }
      }
    }
    return List.of();
  }

  private static int find(int[] root, int i) {
    while (root[i] != i) {
      root[i] = root[root[i]];
      i = root[i];
    }
    return i;
  }

  private static void union(int[] root, int a, int b) {
    int ra = find(root, a);
    int rb = find(root, b);
    if (ra != rb) {
      root[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }
}
