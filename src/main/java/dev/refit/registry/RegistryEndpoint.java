package dev.refit.registry;

import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One kind of registry request: what to send and how to read the answer. Endpoints know the
 * distribution API; {@link RegistryCaller} knows HTTP (retries, redirects, rate limits, caps) and
 * {@link RegistryAuthenticator} knows who may ask. Instances are immutable and used once.
 *
 * @param <T> what the answer means
 */
interface RegistryEndpoint<T> {

  /** {@code GET}, {@code HEAD} or {@code POST}. */
  String method();

  /** The absolute URI to ask. */
  URI uri();

  /** Headers besides {@code User-Agent} and {@code Authorization} (e.g. {@code Accept}). */
  default Map<String, String> headers() {
    return Map.of();
  }

  /** The request body, or {@code null} for none. */
  default byte @Nullable [] body() {
    return null;
  }

  /** Whether a 3xx with {@code Location} is followed (same origin keeps the authorization). */
  default boolean followsRedirects() {
    return true;
  }

  /** The most body bytes this answer may have; reading stops there with an error. */
  long maxBytes();

  /** What is asked, for messages: {@code the tags of ghcr.io/org/app}. */
  String what();

  /**
   * Reads the answer the caller settled on: any status except 429, a 5xx that outlived the retries
   * comes here too.
   *
   * @throws RegistryException when the answer says no or breaks the protocol
   */
  T handle(RegistryAnswer answer);
}
