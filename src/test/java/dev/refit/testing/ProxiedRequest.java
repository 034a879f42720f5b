package dev.refit.testing;

/**
 * One request that went through a {@link FaultProxy}.
 *
 * @param method HTTP method
 * @param path path without query
 * @param query query without {@code ?} ({@code ""} when none)
 * @param status status the client got
 * @param faulted true when a {@link Fault} applied to it
 */
public record ProxiedRequest(String method, String path, String query, int status,
    boolean faulted) {

  /** Key for {@link FaultProxy#counts()}. */
  public record Key(String method, String path) {}

  public Key key() {
    return new Key(method, path);
  }
}
