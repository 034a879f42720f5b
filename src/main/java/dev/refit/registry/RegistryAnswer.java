package dev.refit.registry;

import dev.refit.http.client.Headers;
import java.net.URI;
import java.util.Optional;

/**
 * One answer of a registry (or its token server), read completely and within the size cap.
 *
 * @param uri the URI that answered, after redirects
 * @param status the HTTP status
 * @param headers the answer's headers
 * @param body the body; empty for HEAD
 */
record RegistryAnswer(URI uri, int status, Headers headers, byte[] body) {

  Optional<String> header(String name) {
    return headers.first(name);
  }

  boolean isRedirect() {
    return (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
        && header("location").isPresent();
  }
}
