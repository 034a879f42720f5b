package dev.refit.rollout.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.docker.EngineApi;
import dev.refit.docker.EngineMessages;
import dev.refit.docker.RegistryAuth;
import dev.refit.docker.TimedRead;
import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.image.InvalidReferenceException;
import dev.refit.registry.CredentialStore;
import dev.refit.registry.RegistryClient;
import dev.refit.registry.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Pulls exactly the image the check found: by its digest (so a tag moved since cannot slip in),
 * with the registry credentials the check used, then tags it as the user's reference names it and
 * verifies the engine recorded that digest.
 */
final class ImagePuller {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EngineApi api;
  private final RegistryClient registry;
  private final CredentialStore credentials;
  private final Duration timeout;

  ImagePuller(EngineApi api, RegistryClient registry, CredentialStore credentials, Duration timeout) {
    this.api = api;
    this.registry = registry;
    this.credentials = credentials;
    this.timeout = timeout;
  }

  /**
   * @param image the tag to move to (the same tag for a digest update, the new one for a tag update)
   * @param digest the digest the check found, or {@code null} to ask the registry what the tag
   *     points at now
   * @return the pulled image
   * @throws UpdateFailure naming the image and what went wrong
   */
  PulledImage pull(ImageReference image, Digest digest) {
    ImageReference tagged = image.withoutDigest();
    Digest wanted = digest;
    if (wanted == null) {
      try {
        wanted = registry.headManifest(tagged).digest();
      } catch (RegistryException e) {
        throw new UpdateFailure("cannot resolve " + tagged.familiarForm() + ": " + e.getMessage(), e);
      }
    }
    ImageReference exact = tagged.withDigest(wanted);
    if (present(exact)) {
      // pulled before (an earlier attempt, or the Refit that started this self-update helper)
      return tag(tagged, wanted, api.inspectImage(exact.name() + "@" + wanted));
    }
    try {
      String path =
          "/images/create?fromImage=" + EngineApi.encode(tagged.name()) + "&tag=" + EngineApi.encode(wanted.toString());
      InputStream progress =
          api.stream("POST", path, null, RegistryAuth.headers(RegistryAuth.forImage(tagged, credentials)));
      if (!TimedRead.within(timeout, progress, ImagePuller::awaitPulled, "pull")) {
        throw new UpdateFailure("pulling " + exact.familiarForm() + " took longer than " + timeout.toMinutes() + " minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpdateFailure("interrupted while pulling " + exact.familiarForm(), e);
    } catch (UpdateFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw new UpdateFailure("cannot pull " + exact.familiarForm() + ": " + EngineMessages.of(e), e);
    }
    JsonNode inspect;
    try {
      inspect = api.inspectImage(exact.name() + "@" + wanted);
    } catch (RuntimeException e) {
      throw new UpdateFailure(
          "pulled " + exact.familiarForm() + " but the engine cannot find it: " + EngineMessages.of(e), e);
    }
    if (!hasRepoDigest(inspect, tagged, wanted)) {
      throw new UpdateFailure(
          "the engine pulled " + exact.familiarForm() + " but recorded another digest for it;"
              + " not using it");
    }
    return tag(tagged, wanted, inspect);
  }

  private PulledImage tag(ImageReference tagged, Digest digest, JsonNode inspect) {
    String id = inspect.path("Id").asText();
    try {
      api.send(
          "POST",
          "/images/" + id + "/tag?repo=" + EngineApi.encode(tagged.name()) + "&tag=" + EngineApi.encode(tagged.tag()),
          null);
    } catch (RuntimeException e) {
      throw new UpdateFailure("cannot tag " + tagged.familiarForm() + ": " + EngineMessages.of(e), e);
    }
    return new PulledImage(id, tagged, digest);
  }

  /** Whether the engine has the image with exactly this registry digest already. */
  private boolean present(ImageReference exact) {
    return api.findImage(exact.name() + "@" + exact.digest())
        .map(i -> hasRepoDigest(i, exact.withoutDigest(), exact.digest()))
        .orElse(false);
  }

  /**
   * Reads the pull's progress to its end. The engine answers 200 before it pulls, so a failed pull
   * shows only as an {@code error} in the progress.
   */
  private static void awaitPulled(InputStream progress) throws IOException {
    try (MappingIterator<JsonNode> items = JSON.readerFor(JsonNode.class).readValues(progress)) {
      while (items.hasNextValue()) {
        JsonNode item = items.nextValue();
        if (item.hasNonNull("error")) {
          String detail = item.path("errorDetail").path("message").asText("");
          throw new IllegalStateException(detail.isEmpty() ? item.get("error").asText() : detail);
        }
      }
    }
  }

  private static boolean hasRepoDigest(JsonNode inspect, ImageReference image, Digest digest) {
    for (JsonNode entry : inspect.path("RepoDigests")) {
      try {
        ImageReference pulled = ImageReference.parse(entry.asText());
        if (pulled.name().equals(image.name()) && digest.equals(pulled.digest())) {
          return true;
        }
      } catch (InvalidReferenceException ignored) {
        // not ours
      }
    }
    return false;
  }

  /**
   * @param id the image id ({@code sha256:...})
   * @param reference the tag it now carries
   * @param digest the registry digest it was pulled by
   */
  record PulledImage(String id, ImageReference reference, Digest digest) {}
}
