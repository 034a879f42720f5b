package dev.refit.fleet.server;

import java.util.List;
import java.util.Optional;

/** Read side for the API, the UI and campaign selection. */
public interface FleetDirectory {
  /** All environments, including {@code "local"} unless the server turned it off; by name. */
  List<EnvironmentView> environments();

  Optional<EnvironmentView> environment(String name);
}
