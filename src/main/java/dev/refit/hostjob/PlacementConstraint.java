package dev.refit.hostjob;

import dev.refit.docker.swarm.SwarmNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Swarm placement constraint ({@code node.role==manager}, {@code node.labels.zone!=edge}),
 * evaluated as Swarm evaluates it, so that Refit knows which nodes a job should reach, and can name
 * the ones that are down, before Swarm has created any task.
 *
 * @param key e.g. {@code node.hostname}, {@code node.labels.zone}
 * @param equal {@code ==} when true, {@code !=} when false
 * @param value compared without regard to case, as Swarm does
 */
public record PlacementConstraint(String key, boolean equal, String value) {

  /**
   * @throws IllegalArgumentException naming the text and the expected form
   */
  public static PlacementConstraint parse(String text) {
    int eq = text.indexOf("==");
    int ne = text.indexOf("!=");
    int at = eq >= 0 && (ne < 0 || eq < ne) ? eq : ne;
    if (at <= 0) {
      throw new IllegalArgumentException(
          "--constraint '" + text + "' must look like KEY==VALUE or KEY!=VALUE,"
              + " e.g. node.role==worker or node.labels.zone!=lab");
    }
    String key = text.substring(0, at).trim();
    String value = text.substring(at + 2).trim();
    if (key.isEmpty()) {
      throw new IllegalArgumentException("--constraint '" + text + "' has no key");
    }
    return new PlacementConstraint(key, at == eq, value);
  }

  /**
   * Whether the node satisfies the constraint; empty for a key Refit cannot evaluate (such as
   * {@code node.ip}), where only Swarm knows.
   */
  public Optional<Boolean> matches(SwarmNode node) {
    Optional<List<String>> values = valuesOf(node);
    return values.map(
        candidates -> {
          boolean any = candidates.stream().anyMatch(v -> v.equalsIgnoreCase(value));
          return equal == any;
        });
  }

  private Optional<List<String>> valuesOf(SwarmNode node) {
    String k = key.toLowerCase(Locale.ROOT);
    if (k.startsWith("node.labels.")) {
      return Optional.of(List.of(node.labels().getOrDefault(key.substring(12), "")));
    }
    if (k.startsWith("engine.labels.")) {
      return Optional.of(List.of(node.engineLabels().getOrDefault(key.substring(14), "")));
    }
    return switch (k) {
      case "node.id" -> Optional.of(List.of(node.id()));
      case "node.hostname" -> Optional.of(List.of(node.hostname()));
      case "node.role" -> Optional.of(List.of(node.role()));
      case "node.platform.os" -> Optional.of(List.of(node.os()));
      case "node.platform.arch" -> Optional.of(architectures(node.architecture()));
      default -> Optional.empty();
    };
  }

  /** Swarm accepts both the kernel's and Go's name of an architecture. */
  private static List<String> architectures(String arch) {
    return switch (arch.toLowerCase(Locale.ROOT)) {
      case "x86_64", "amd64" -> List.of("x86_64", "amd64");
      case "aarch64", "arm64" -> List.of("aarch64", "arm64");
      default -> List.of(arch);
    };
  }

  /** The constraint as Swarm takes it. */
  @Override
  public String toString() {
    return key + (equal ? "==" : "!=") + value;
  }
}
