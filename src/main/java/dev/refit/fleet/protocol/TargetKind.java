package dev.refit.fleet.protocol;

/** What an inventory row updates: a plain container, or a Swarm service (managers only). */
public enum TargetKind {
  CONTAINER,
  SERVICE
}
