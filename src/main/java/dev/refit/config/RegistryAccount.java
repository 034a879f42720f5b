package dev.refit.config;

/**
 * A registry configured in Refit itself (not through Docker's config.json).
 *
 * @param name the key the user gave it, e.g. {@code ghcr}
 * @param host the registry, e.g. {@code ghcr.io} or {@code 10.0.0.5:5000}
 * @param username the user, or {@code null} for anonymous access
 * @param password the password or token, or {@code null}; never printed
 * @param insecure whether to speak plain http to it
 */
public record RegistryAccount(
    String name, String host, String username, String password, boolean insecure) {

  public boolean hasCredentials() {
    return username != null && password != null;
  }

  @Override
  public String toString() {
    return "RegistryAccount[name=" + name + ", host=" + host + ", username=" + username
        + ", password=" + (password == null ? "none" : "***") + ", insecure=" + insecure + "]";
  }
}
