package dev.refit.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.image.InvalidReferenceException;
import dev.refit.image.Platform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client of the OCI distribution API (Docker Hub, GHCR, Quay, any registry): manifests and tags,
 * nothing about Docker hosts. One instance serves a whole run and is safe to share between threads;
 * tokens, auth challenges and rate-limit state live as long as it does.
 */
public final class RegistryClient {
  private static final Pattern NEXT_LINK = Pattern.compile("<([^>]*)>\\s*;[^,]*rel=\"?next\"?");
  private static final Pattern SIGNATURE_TAG =
      Pattern.compile("sha256-[0-9a-f]{64}(\\.[a-z]+)?");

  private final RegistryTransport transport;
  private final RegistrySettings settings;
  private final ObjectMapper json = new ObjectMapper();

  public RegistryClient(
      HttpClient http, RegistrySettings settings, CredentialStore credentials, Clock clock) {
    this.settings = settings;
    this.transport = new RegistryTransport(http, settings, credentials, clock);
  }

  /** A client with its own HTTP client, for production use. */
  public static RegistryClient create(RegistrySettings settings, CredentialStore credentials) {
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new RegistryClient(http, settings, credentials, Clock.systemUTC());
  }

  /**
   * What the image's tag (or digest) points at now, with one {@code HEAD} request where the
   * registry sends {@code Docker-Content-Digest} (HEAD does not count against Docker Hub's pull
   * limit), else one {@code GET} whose bytes are hashed.
   */
  public ManifestDescriptor headManifest(ImageReference image) {
    HttpResponse<byte[]> answer = manifestRequest("HEAD", image);
    int status = answer.statusCode();
    if (status == 200) {
      Optional<Digest> digest = headerDigest(answer);
      if (digest.isPresent()) {
        return new ManifestDescriptor(
            digest.get(),
            answer.headers().firstValue("content-type").orElse(""),
            answer.headers().firstValueAsLong("content-length").orElse(-1));
      }
    } else if (status != 405 && status != 501) {
      throw RegistryErrors.forManifest(image, answer);
    }
    return getManifest(image).descriptor();
  }

  /** The manifest's bytes; its digest is computed from them and checked against what was asked. */
  public Manifest getManifest(ImageReference image) {
    HttpResponse<byte[]> answer = manifestRequest("GET", image);
    if (answer.statusCode() != 200) {
      throw RegistryErrors.forManifest(image, answer);
    }
    byte[] content = answer.body();
    String mediaType = ManifestMediaTypes.base(answer.headers().firstValue("content-type").orElse(""));
    String declaredType;
    try {
      JsonNode root = json.readTree(content);
      if (root == null || !root.isObject()) {
        throw new IOException("not a JSON object");
      }
      if (root.path("schemaVersion").asInt(0) != 2) {
        throw RegistryErrors.malformed(
            image, "answered a schema " + root.path("schemaVersion").asText("?")
                + " manifest; Refit understands schema 2 and OCI manifests only");
      }
      declaredType = root.path("mediaType").asText("");
    } catch (IOException e) {
      throw RegistryErrors.malformed(image, "answered a manifest that is not JSON");
    }
    if (!ManifestMediaTypes.isKnown(mediaType)) {
      // OCI manifests may omit mediaType in the body but registries send it as Content-Type
      mediaType = declaredType;
    }
    if (!ManifestMediaTypes.isKnown(mediaType)) {
      throw RegistryErrors.malformed(
          image, "answered a manifest of unknown type '" + mediaType + "'");
    }
    Digest computed = Digest.sha256(content);
    if (image.hasDigest() && !image.digest().equals(computed)) {
      throw RegistryErrors.malformed(
          image, "sent a manifest whose content does not match the digest asked for");
    }
    return new Manifest(new ManifestDescriptor(computed, mediaType, content.length), content);
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
   * {@link RegistrySettings#maxTagPages()} of them). Cosign signature, attestation and SBOM tags
   * ({@code sha256-<hex>.sig}) are left out: they are never versions.
   */
  public TagList listTags(ImageReference repository) {
    URI next =
        transport
            .base(repository)
            .resolve("/v2/" + repository.repository() + "/tags/list?n=" + settings.tagPageSize());
    List<String> tags = new ArrayList<>();
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
      HttpResponse<byte[]> answer = transport.send(repository, "GET", next, Map.of("Accept", "application/json"));
      pages++;
      if (answer.statusCode() != 200) {
        throw RegistryErrors.forTags(repository, answer);
      }
      try {
        JsonNode root = json.readTree(answer.body());
        if (root == null || !root.isObject()) {
          throw new IOException("not an object");
        }
        for (JsonNode tag : root.path("tags")) {
          String text = tag.asText("");
          if (!text.isEmpty() && !SIGNATURE_TAG.matcher(text).matches()) {
            tags.add(text);
          }
        }
      } catch (IOException e) {
        throw RegistryErrors.malformed(repository, "answered a tag list that is not JSON");
      }
      next = nextPage(repository, next, answer);
    }
    return new TagList(tags, pages);
  }

  private URI nextPage(ImageReference repository, URI current, HttpResponse<byte[]> answer) {
    for (String link : answer.headers().allValues("link")) {
      Matcher m = NEXT_LINK.matcher(link);
      if (m.find()) {
        URI next;
        try {
          next = current.resolve(m.group(1).trim());
        } catch (IllegalArgumentException e) {
          throw RegistryErrors.malformed(repository, "sent a tag page link that is not a URL");
        }
        if (!RegistryTransport.sameOrigin(current, next)) {
          throw RegistryErrors.malformed(
              repository, "sent a tag page link to another host (" + next.getAuthority() + ")");
        }
        return next;
      }
    }
    return null;
  }

  /** Requests and rate-limit state per registry host, for progress, metrics and benchmarks. */
  public List<RegistryHostStats> stats() {
    return transport.hosts().values().stream()
        .map(HostState::snapshot)
        .sorted(Comparator.comparing(RegistryHostStats::host))
        .toList();
  }

  private HttpResponse<byte[]> manifestRequest(String method, ImageReference image) {
    URI uri =
        transport
            .base(image)
            .resolve("/v2/" + image.repository() + "/manifests/" + image.manifestReference());
    return transport.send(image, method, uri, Map.of("Accept", ManifestMediaTypes.ACCEPT));
  }

  private static Optional<Digest> headerDigest(HttpResponse<byte[]> answer) {
    return answer
        .headers()
        .firstValue("docker-content-digest")
        .flatMap(
            value -> {
              try {
                return Optional.of(Digest.parse(value.trim()));
              } catch (InvalidReferenceException e) {
                return Optional.empty();
              }
            });
  }
}
