package dev.refit.registry;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Credentials given to Refit directly (its configuration file or environment), by registry. */
public final class StaticCredentials implements CredentialStore {
  private final Map<String, Credential> byRegistry;

  /**
   * @param byRegistry credentials keyed by registry as users write it ({@code ghcr.io}, {@code
   *     docker.io}, {@code https://index.docker.io/v1/})
   */
  public StaticCredentials(Map<String, Credential> byRegistry) {
    Map<String, Credential> canonical = new HashMap<>();
    byRegistry.forEach((registry, c) -> canonical.put(RegistryNames.canonical(registry), c));
    this.byRegistry = Map.copyOf(canonical);
  }

  @Override
  public Optional<Credential> find(String registry) {
    return Optional.ofNullable(byRegistry.get(RegistryNames.canonical(registry)));
  }

  @Override
  public String toString() {
    return "StaticCredentials" + byRegistry.keySet();
  }
}
