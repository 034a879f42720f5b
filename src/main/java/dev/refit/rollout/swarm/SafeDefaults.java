package dev.refit.rollout.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refit.target.RefitLabels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rollout defaults of {@code refit.swarm.safe=true}: start the new task before stopping the old
 * one, roll back on failure, watch each new task at least through its healthcheck's start period,
 * one task at a time.
 *
 * <p>Only fields the user did not choose are filled in. Swarm cannot tell: the Docker CLI writes
 * its defaults into every spec it creates ({@code Parallelism 1}, {@code FailureAction pause},
 * {@code Monitor 5s}, {@code Order stop-first}), and an API client that sets nothing gets zeros.
 * So a field that is missing or holds one of those default values counts as not chosen.
 */
final class SafeDefaults {
  static final Duration SWARM_DEFAULT_MONITOR = Duration.ofSeconds(5);

  /**
   * The spec with the defaults filled in, and what changed, in words.
   *
   * @param changes e.g. {@code order=start-first}; empty when the spec already was safe
   */
  record Applied(ObjectNode spec, List<String> changes) {
    Applied {
      changes = List.copyOf(changes);
    }
  }

  private SafeDefaults() {}

  /**
   * Whether the service asks for safe defaults with {@code refit.swarm.safe}.
   *
   * @throws IllegalArgumentException naming the label when its value is neither true nor false
   */
  static boolean requestedBy(Map<String, String> labels) {
    String value = labels.get(RefitLabels.SWARM_SAFE);
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default ->
          throw new IllegalArgumentException(
              "label " + RefitLabels.SWARM_SAFE + "='" + value + "' must be true or false");
    };
  }

  static Applied apply(ObjectNode spec) {
    ObjectNode copy = spec.deepCopy();
    JsonNode existing = copy.path("UpdateConfig");
    ObjectNode update = existing.isObject() ? (ObjectNode) existing : copy.putObject("UpdateConfig");
    List<String> changes = new ArrayList<>();

    String order = update.path("Order").asText("");
    // Two tasks cannot bind the same host port on one node: start-first would fail every time.
    if ((order.isEmpty() || order.equals("stop-first")) && !publishesHostPorts(copy)) {
      update.put("Order", "start-first");
      changes.add("order=start-first");
    }

    String failureAction = update.path("FailureAction").asText("");
    if (failureAction.isEmpty() || failureAction.equals("pause")) {
      update.put("FailureAction", "rollback");
      changes.add("failure_action=rollback");
    }

    long parallelism = update.path("Parallelism").asLong(0);
    if (parallelism == 0) {
      update.put("Parallelism", 1);
      changes.add("parallelism=1");
    }

    long monitorNanos = update.path("Monitor").asLong(0);
    long effective = monitorNanos == 0 ? SWARM_DEFAULT_MONITOR.toNanos() : monitorNanos;
    long startPeriod =
        copy.path("TaskTemplate").path("ContainerSpec").path("Healthcheck").path("StartPeriod").asLong(0);
    if (startPeriod > effective) {
      update.put("Monitor", startPeriod);
      changes.add("monitor=" + format(Duration.ofNanos(startPeriod)) + " (healthcheck start period)");
    }
    return new Applied(copy, changes);
  }

  private static boolean publishesHostPorts(ObjectNode spec) {
    for (JsonNode port : spec.path("EndpointSpec").path("Ports")) {
      if ("host".equals(port.path("PublishMode").asText())) {
        return true;
      }
    }
    return false;
  }

  private static String format(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
