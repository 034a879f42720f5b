package dev.refit.registry;

import dev.refit.http.client.OriginClient;
import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.image.Platform;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A client of the OCI distribution API (Docker Hub, GHCR, Quay, any registry): manifests and tags,
 * nothing about Docker hosts. One instance serves a whole run and is safe to share between threads;
 * tokens, auth challenges and rate-limit state live as long as it does.
 *
 * <p>Each question is an endpoint ({@link ManifestHeadEndpoint}, {@link ManifestGetEndpoint},
 * {@link TagPageEndpoint}), sent by one {@link RegistryCaller} with the header the {@link
 * RegistryAuthenticator} provides; a 401 earns one fresh try.
 */
public final class RegistryClient {
  private final RegistrySettings settings;
  private final RegistryEndpoints endpoints;
  private final RegistryCaller caller;
  private final RegistryAuthenticator authenticator;

  public RegistryClient(
      OriginClient http, RegistrySettings settings, CredentialStore credentials, Clock clock) {
    this.settings = settings;
    this.endpoints = new RegistryEndpoints(settings.insecureRegistries());
    this.caller = new RegistryCaller(http, settings);
    this.authenticator =
        new RegistryAuthenticator(caller, settings, credentials, endpoints, clock);
  }

  /** A client with its own HTTP client, for a command that asks registries once. */
  public static RegistryClient create(RegistrySettings settings, CredentialStore credentials) {
    return create(http(settings), settings, credentials);
  }

  /**
   * A client over a shared HTTP client ({@link #http}): a daemon makes one of these per cycle (its
   * own tokens, host states and costs) but keeps one HTTP client for good, so that its kept-alive
   * connections to every registry serve the next cycle too.
   */
  public static RegistryClient create(
      OriginClient http, RegistrySettings settings, CredentialStore credentials) {
    return new RegistryClient(http, settings, credentials, Clock.systemUTC());
  }

  /**
   * The HTTP client registries are asked through, built from the registry settings: Refit's own
   * blocking client, which runs in the asking thread (no threads of its own), keeps as many idle
   * connections per registry as requests may run at once, and loads TLS only for an https
   * registry.
   */
  public static OriginClient http(RegistrySettings settings) {
    return OriginClient.create(
        settings.connectTimeout(), settings.maxConcurrentRequestsPerRegistry());
  }

  /**
   * What the image's tag (or digest) points at now, with one {@code HEAD} request where the
   * registry sends {@code Docker-Content-Digest} (HEAD does not count against Docker Hub's pull
   * limit), else one {@code GET} whose bytes are hashed.
   */
  public ManifestDescriptor headManifest(ImageReference image) {
    return call(new ManifestHeadEndpoint(image, base(image)), image)
        .orElseGet(() -> getManifest(image).descriptor());
  }

  /** The manifest's bytes; its digest is computed from them and checked against what was asked. */
  public Manifest getManifest(ImageReference image) {
    return call(new ManifestGetEndpoint(image, base(image), settings.maxAnswerBytes()), image);
  }

  /**
   * The digest of the manifest that {@code platform} would pull: the index entry for it when the
   * image is multi-platform, else the manifest itself.
   *
   * @return empty when the index has no manifest for the platform
   */
  public Optional<Digest> platformDigest(ImageReference image, Platform platform) {
    Manifest manifest = getManifest(image);
    if (!manifest.descriptor().isIndex()) {
      return Optional.of(manifest.descriptor().digest());
    }
    try {
      return ImageIndex.parse(manifest.content()).digestFor(platform);
    } catch (IOException e) {
      throw RegistryErrors.malformed(image, "sent an image index that cannot be read");
    }
  }

  /**
   * Every tag of the image's repository, following {@code Link} pages (same origin only, at most
   * {@link RegistrySettings#maxTagPages()} of them, {@link RegistrySettings#maxAnswerBytes()} for
   * all pages together). Cosign signature, attestation and SBOM tags ({@code sha256-<hex>.sig}) are
   * left out: they are never versions.
   */
  public TagList listTags(ImageReference repository) {
    URI next = TagPageEndpoint.firstPage(repository, base(repository), settings.tagPageSize());
    List<String> tags = new ArrayList<>();
    long bytes = 0;
    int pages = 0;
    while (next != null) {
      if (pages == settings.maxTagPages()) {
        throw RegistryErrors.malformed(
            repository,
            "has more than "
                + settings.maxTagPages()
                + " pages of tags for "
                + repository.repository()
                + "; Refit stops there (raise registry.maxTagPages)");
      }
      // the cap is for the whole list: each page may use what the pages before it left
      long left = Math.max(0, settings.maxAnswerBytes() - bytes);
      TagPage page = call(new TagPageEndpoint(repository, next, left), repository);
      pages++;
      bytes += page.bytes();
      tags.addAll(page.tags());
      next = page.next();
    }
    return new TagList(tags, pages);
  }

  /** Requests and rate-limit state per registry host, for progress, metrics and benchmarks. */
  public List<RegistryHostStats> stats() {
    return caller.hosts().stream()
        .map(HostState::snapshot)
        .sorted(Comparator.comparing(RegistryHostStats::host))
        .toList();
  }

  private URI base(ImageReference repository) {
    return endpoints.base(repository.apiHost());
  }

  /** Sends the endpoint authenticated as the registry asks; one fresh try after a 401. */
  private <T> T call(RegistryEndpoint<T> endpoint, ImageReference repository) {
    Credential credential = authenticator.credential(repository).orElse(null);
    String authorization = authenticator.authorization(repository, credential);
    RegistryAnswer answer = caller.call(endpoint, repository, authorization);
    if (answer.status() == 401) {
      String renewed = authenticator.afterUnauthorized(repository, credential, answer);
      answer = caller.call(endpoint, repository, renewed);
      if (answer.status() == 401) {
        throw RegistryErrors.unauthorized(repository, credential);
      }
    }
    return endpoint.handle(answer);
  }
}
