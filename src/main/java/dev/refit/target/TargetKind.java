package dev.refit.target;

/** The kinds of things Refit can update. More kinds (services, workloads, files) plug in here. */
public enum TargetKind {
  CONTAINER("container");

  private final String label;

  TargetKind(String label) {
    this.label = label;
  }

  /** The lowercase word used in output and JSON. */
  public String label() {
    return label;
  }
}
