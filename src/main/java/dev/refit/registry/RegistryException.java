package dev.refit.registry;

import org.jspecify.annotations.Nullable;
/**
 * Why a registry could not answer a question about an image. The message is one line a user can act
 * on: it names the registry and, where known, the repository.
 */
public final class RegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for callers that react differently (retry, stop asking, report). */
  public enum Reason {
    /** 401: credentials missing or wrong. */
    UNAUTHORIZED,
    /** 403: the credentials are valid but may not pull this repository. */
    DENIED,
    /** 404: the repository, tag or manifest does not exist. */
    NOT_FOUND,
    /** 429, now or earlier in this run. */
    RATE_LIMITED,
    /** 5xx, timeouts and connection failures that outlived the retries. */
    UNAVAILABLE,
    /** An answer that breaks the protocol: garbage JSON, missing fields, unexpected status. */
    MALFORMED,
    /** An answer bigger than {@code registry.maxAnswerSize}: reading stopped there. */
    TOO_LARGE
  }

  private final Reason reason;
  private final String registry;
  private final @Nullable String repository;

  public RegistryException(
      Reason reason, String registry, @Nullable String repository, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.registry = registry;
    this.repository = repository;
  }

  public RegistryException(Reason reason, String registry, @Nullable String repository, String message) {
    this(reason, registry, repository, message, null);
  }

  public Reason reason() {
    return reason;
  }

  /** The registry host that failed, e.g. {@code registry-1.docker.io}. */
  public String registry() {
    return registry;
  }

  /** The repository asked about, or {@code null} for registry-wide failures. */
  public @Nullable String repository() {
    return repository;
  }
}
