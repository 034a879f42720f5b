package dev.refit.hostjob;

import java.util.List;

/**
 * The outcome of a host job on every node it concerned.
 *
 * @param service the job service's name (removed by the time this is returned)
 * @param nodes one result per node, sorted by node name
 */
public record HostJobReport(String service, List<NodeResult> nodes) {

  public HostJobReport {
    nodes = List.copyOf(nodes);
  }

  /** True when it ran somewhere and every node that should have run it succeeded. */
  public boolean succeeded() {
    return nodes.stream().anyMatch(n -> n.status() == NodeResult.Status.SUCCEEDED)
        && nodes.stream().allMatch(n -> n.status().ok());
  }

  public long count(NodeResult.Status status) {
    return nodes.stream().filter(n -> n.status() == status).count();
  }
}
