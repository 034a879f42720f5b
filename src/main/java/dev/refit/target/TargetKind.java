package dev.refit.target;

/** The kinds of things Refit can update: standalone containers and Swarm services. */
public enum TargetKind {
  CONTAINER("container"),
  /** A Docker Swarm service, updated through its spec on a manager. */
  SERVICE("service");

  private final String label;

  TargetKind(String label) {
    this.label = label;
  }

  /** The lowercase word used in output and JSON. */
  public String label() {
    return label;
  }
}
