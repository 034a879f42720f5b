package dev.refit.rollout.container;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.rollout.DependencyGraph;
import dev.refit.target.RefitLabels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which containers of one engine depend on which: sharing another's network, PID or IPC namespace
 * ({@code container:<id>}), links (legacy and per network), Compose's {@code depends_on} and the
 * {@code refit.depends-on} label. A dependant is updated after what it depends on and restarted
 * with it.
 */
final class ContainerDependencies {
  static final String COMPOSE_PROJECT = "com.docker.compose.project";
  static final String COMPOSE_SERVICE = "com.docker.compose.service";
  static final String COMPOSE_DEPENDS_ON = "com.docker.compose.depends_on";
  private static final List<String> NAMESPACE_MODES = List.of("NetworkMode", "PidMode", "IpcMode");

  /** How a dependant hangs on its parent, and so what it needs when the parent is replaced. */
  enum Kind {
    /** Shares a namespace by container id: must be recreated pointing at the new container. */
    NAMESPACE,
    /** Links or depends on it by name: a restart picks up the new container. */
    RESTART
  }

  record Dependant(ContainerInfo container, Kind kind) {}

  private final Map<String, ContainerInfo> byId = new LinkedHashMap<>();
  /** child id -> parent id -> kind (NAMESPACE wins over RESTART). */
  private final Map<String, Map<String, Kind>> parents = new LinkedHashMap<>();

  private ContainerDependencies(List<ContainerInfo> containers) {
    containers.forEach(c -> byId.put(c.id(), c));
    for (ContainerInfo child : containers) {
      Map<String, Kind> mine = new LinkedHashMap<>();
      for (String field : NAMESPACE_MODES) {
        String mode = child.hostConfig().path(field).asText("");
        if (mode.startsWith("container:")) {
          add(mine, resolve(mode.substring("container:".length())), Kind.NAMESPACE);
        }
      }
      for (JsonNode link : child.hostConfig().path("Links")) {
        add(mine, resolve(linkTarget(link.asText())), Kind.RESTART);
      }
      child
          .json()
          .path("NetworkSettings")
          .path("Networks")
          .forEach(n -> n.path("Links").forEach(l -> add(mine, resolve(linkTarget(l.asText())), Kind.RESTART)));
      Map<String, String> labels = child.labels();
      String project = labels.get(COMPOSE_PROJECT);
      String composeDepends = labels.get(COMPOSE_DEPENDS_ON);
      if (project != null && composeDepends != null) {
        for (String entry : composeDepends.split(",")) {
          String service = entry.split(":")[0].trim();
          if (!service.isEmpty()) {
            for (ContainerInfo c : containers) {
              Map<String, String> l = c.labels();
              if (project.equals(l.get(COMPOSE_PROJECT)) && service.equals(l.get(COMPOSE_SERVICE))) {
                add(mine, c, Kind.RESTART);
              }
            }
          }
        }
      }
      String refitDepends = labels.get(RefitLabels.DEPENDS_ON);
      if (refitDepends != null) {
        for (String name : refitDepends.split(",")) {
          if (!name.isBlank()) {
            add(mine, resolve(name.trim()), Kind.RESTART);
          }
        }
      }
      mine.remove(child.id());
      parents.put(child.id(), mine);
    }
  }

  static ContainerDependencies of(List<ContainerInfo> containers) {
    return new ContainerDependencies(containers);
  }

  /** The containers that depend directly on {@code parent}, in the order they were listed. */
  List<Dependant> dependantsOf(String parentId) {
    List<Dependant> result = new ArrayList<>();
    parents.forEach(
        (child, its) -> {
          Kind kind = its.get(parentId);
          if (kind != null) {
            result.add(new Dependant(byId.get(child), kind));
          }
        });
    return result;
  }

  /** Who depends on whom, by container id: what may be updated at the same time, and in what order. */
  DependencyGraph graph() {
    Map<String, Set<String>> edges = new LinkedHashMap<>();
    parents.forEach((child, its) -> edges.put(child, its.keySet()));
    return DependencyGraph.of(edges);
  }

  /** The container's name, or the id itself when there is no such container. */
  String nameOf(String id) {
    ContainerInfo c = byId.get(id);
    return c == null ? id : c.name();
  }

  private ContainerInfo resolve(String ref) {
    String name = ref.startsWith("/") ? ref.substring(1) : ref;
    for (ContainerInfo c : byId.values()) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    if (name.length() >= 12) {
      for (ContainerInfo c : byId.values()) {
        if (c.id().startsWith(name)) {
          return c;
        }
      }
    }
    return null;
  }

  /** {@code /db:/web/db} (inspect's form) or {@code db:alias} or {@code db}: the linked name. */
  private static String linkTarget(String link) {
    int colon = link.indexOf(':');
    return colon < 0 ? link : link.substring(0, colon);
  }

  private static void add(Map<String, Kind> into, ContainerInfo parent, Kind kind) {
    if (parent == null) {
      return;
    }
    into.merge(parent.id(), kind, (a, b) -> a == Kind.NAMESPACE || b == Kind.NAMESPACE ? Kind.NAMESPACE : Kind.RESTART);
  }
}
