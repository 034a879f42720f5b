package dev.refit.rollout.container;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The create request of a new container in a few readable lines, for {@code --dry-run}.
 * Environment values are never shown: any of them may be a secret.
 */
final class SpecSummary {
  static final String MASK = "***";

  private SpecSummary() {}

  static List<String> lines(CreateRequest request) {
    JsonNode body = request.body();
    JsonNode host = body.path("HostConfig");
    List<String> lines = new ArrayList<>();
    lines.add("image:    " + request.image());
    List<String> env = new ArrayList<>();
    body.path("Env").forEach(e -> env.add(maskedEnv(e.asText())));
    if (!env.isEmpty()) {
      lines.add("env:      " + String.join(" ", env));
    }
    List<String> labels = new ArrayList<>();
    body.path("Labels").fields().forEachRemaining(e -> labels.add(e.getKey() + "=" + e.getValue().asText()));
    if (!labels.isEmpty()) {
      lines.add("labels:   " + String.join(" ", labels));
    }
    if (body.hasNonNull("Entrypoint")) {
      lines.add("entrypoint: " + words(body.get("Entrypoint")));
    }
    if (body.hasNonNull("Cmd")) {
      lines.add("cmd:      " + words(body.get("Cmd")));
    }
    List<String> ports = new ArrayList<>();
    host.path("PortBindings")
        .fields()
        .forEachRemaining(
            e ->
                e.getValue()
                    .forEach(
                        b -> {
                          String ip = b.path("HostIp").asText("");
                          String hostPort = b.path("HostPort").asText("");
                          ports.add((ip.isEmpty() ? "" : ip + ":") + (hostPort.isEmpty() ? "*" : hostPort) + "->" + e.getKey());
                        }));
    if (!ports.isEmpty()) {
      lines.add("ports:    " + String.join(" ", ports));
    }
    List<String> mounts = new ArrayList<>();
    host.path("Binds").forEach(b -> mounts.add(b.asText()));
    host.path("Mounts")
        .forEach(
            m ->
                mounts.add(
                    m.path("Type").asText()
                        + " "
                        + shortName(m.path("Source").asText("(new)"))
                        + ":"
                        + m.path("Target").asText()
                        + (m.path("ReadOnly").asBoolean(false) ? ":ro" : "")));
    if (!mounts.isEmpty()) {
      lines.add("mounts:   " + String.join(" ", mounts));
    }
    List<String> networks = new ArrayList<>();
    networks.add(host.path("NetworkMode").asText("default"));
    body.path("NetworkingConfig")
        .path("EndpointsConfig")
        .fields()
        .forEachRemaining(e -> networks.set(0, network(e.getKey(), e.getValue())));
    request.laterNetworks().forEach((name, endpoint) -> networks.add(network(name, endpoint)));
    lines.add("networks: " + String.join(", ", networks));
    JsonNode restart = host.path("RestartPolicy");
    String policy = restart.path("Name").asText("");
    if (!policy.isEmpty() && !policy.equals("no")) {
      lines.add("restart:  " + policy);
    }
    return lines;
  }

  /** {@code KEY=***}: the name tells what is configured, the value stays private. */
  static String maskedEnv(String entry) {
    int eq = entry.indexOf('=');
    return (eq < 0 ? entry : entry.substring(0, eq)) + "=" + MASK;
  }

  private static String network(String name, JsonNode endpoint) {
    List<String> details = new ArrayList<>();
    JsonNode ipam = endpoint.path("IPAMConfig");
    if (ipam.hasNonNull("IPv4Address") && !ipam.get("IPv4Address").asText().isEmpty()) {
      details.add("ip " + ipam.get("IPv4Address").asText());
    }
    if (ipam.hasNonNull("IPv6Address") && !ipam.get("IPv6Address").asText().isEmpty()) {
      details.add("ip " + ipam.get("IPv6Address").asText());
    }
    List<String> aliases = new ArrayList<>();
    endpoint.path("Aliases").forEach(a -> aliases.add(a.asText()));
    if (!aliases.isEmpty()) {
      details.add("aliases " + String.join(",", aliases));
    }
    return details.isEmpty() ? name : name + " (" + String.join("; ", details) + ")";
  }

  private static String words(JsonNode array) {
    List<String> words = new ArrayList<>();
    array.forEach(w -> words.add(w.asText()));
    return String.join(" ", words);
  }

  private static String shortName(String volume) {
    return volume.matches("[0-9a-f]{64}") ? volume.substring(0, 12) + "(anonymous, kept)" : volume;
  }
}
