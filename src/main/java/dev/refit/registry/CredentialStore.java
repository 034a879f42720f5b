package dev.refit.registry;

import java.util.List;
import java.util.Optional;

/** Finds the credential for a registry, by the name users give it ({@code docker.io}, {@code ghcr.io}). */
@FunctionalInterface
public interface CredentialStore {
  Optional<Credential> find(String registry);

  /** No credentials anywhere: every request is anonymous. */
  static CredentialStore none() {
    return registry -> Optional.empty();
  }

  /** Asks each store in turn; the first that knows the registry wins. */
  static CredentialStore firstOf(List<CredentialStore> stores) {
    List<CredentialStore> copy = List.copyOf(stores);
    return registry -> {
      for (CredentialStore store : copy) {
        Optional<Credential> found = store.find(registry);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    };
  }
}
