package dev.refit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Builds images from the busybox rootfs on the test engine and pushes them to loopback registries.
 *
 * <p>Images differ only in their config (labels, CMD), so each costs one config blob and one
 * manifest; the layer is the same reproducible tar every time. Close it to release its engine
 * connections.
 */
public final class TestImages implements AutoCloseable {

  /** Accept header for manifest requests: all four types, or registry 2.8 answers schema1. */
  public static final String MANIFEST_ACCEPT =
      String.join(
          ", ",
          "application/vnd.oci.image.index.v1+json",
          "application/vnd.docker.distribution.manifest.list.v2+json",
          "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.docker.distribution.manifest.v2+json");

  /** The default command of test images: keeps a container running for an hour. */
  public static final List<String> SLEEP = List.of("/bin/sleep", "3600");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final TestEnvironment env;
  private final DockerClient docker;
  private final DockerHttpClient dockerHttp;
  private byte[] rootfsTar;

  public TestImages(TestEnvironment env) {
    this.env = env;
    this.docker = env.dockerClient();
    this.dockerHttp = env.dockerHttpClient();
  }

  /**
   * Imports the rootfs as {@code reference} with these labels and CMD; returns the image ID. The
   * same rootfs with different labels or CMD yields a different digest once pushed.
   */
  public String importImage(String reference, Map<String, String> labels, List<String> cmd) {
    return importTar(reference, changes(labels, cmd), rootfsTar());
  }

  /**
   * Imports the standard rootfs with Dockerfile-style changes as {@code docker import -c} takes
   * them ({@code ENV A=1}, {@code WORKDIR /srv}, {@code EXPOSE 80}, {@code VOLUME /data}, {@code
   * ENTRYPOINT [...]}, {@code CMD [...]}, {@code LABEL k=v}, {@code USER u}); returns the image ID.
   */
  public String importImage(String reference, List<String> changes) {
    return importTar(reference, changes, rootfsTar());
  }

  /** Imports another root filesystem (e.g. a copy of the rootfs with more files); returns the image ID. */
  public String importImage(String reference, Path rootfs, List<String> changes) {
    return importTar(reference, changes, tar(rootfs));
  }

  private String importTar(String reference, List<String> changes, byte[] tar) {
    ImageReference ref = ImageReference.parse(reference);
    StringBuilder path =
        new StringBuilder("/images/create?fromSrc=-&repo=")
            .append(encode(ref.name()))
            .append("&tag=")
            .append(encode(ref.tag()));
    for (String change : changes) {
      path.append("&changes=").append(encode(change));
    }
    DockerHttpClient.Request request =
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.POST)
            .path(path.toString())
            .putHeader("Content-Type", "application/x-tar")
            .bodyBytes(tar)
            .build();
    try (DockerHttpClient.Response response = dockerHttp.execute(request);
        InputStream body = response.getBody()) {
      String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
      if (response.getStatusCode() != 200) {
        throw new IllegalStateException(
            "import of " + reference + " failed: HTTP " + response.getStatusCode() + " " + text);
      }
      String imageId = null;
      for (JsonNode item : JSON.readerFor(JsonNode.class).<JsonNode>readValues(text).readAll()) {
        if (item.hasNonNull("error")) {
          throw new IllegalStateException("import of " + reference + " failed: " + item);
        }
        String status = item.path("status").asText("");
        if (status.startsWith("sha256:")) {
          imageId = status;
        }
      }
      if (imageId == null) {
        throw new IllegalStateException("import of " + reference + " answered no image ID: " + text);
      }
      return imageId;
    } catch (IOException e) {
      throw new UncheckedIOException("import of " + reference + " failed", e);
    }
  }

  /** Pushes an image of the engine to its (loopback) registry; returns the manifest digest. */
  public String push(String reference) {
    return push(reference, null);
  }

  /**
   * Pushes with credentials (the engine does the Basic or token dance); returns the manifest digest.
   */
  public String push(String reference, RegistryCredentials credentials) {
    ImageReference ref = ImageReference.parse(reference);
    var command = docker.pushImageCmd(ref.name()).withTag(ref.tag());
    if (credentials != null) {
      command.withAuthConfig(
          new AuthConfig()
              .withRegistryAddress(ref.registry())
              .withUsername(credentials.username())
              .withPassword(credentials.password()));
    }
    PushProgress progress = new PushProgress();
    try {
      if (!command.exec(progress).awaitCompletion(2, TimeUnit.MINUTES)) {
        throw new IllegalStateException("push of " + reference + " did not finish in 2 minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pushing " + reference, e);
    }
    if (progress.error != null) {
      throw new IllegalStateException("push of " + reference + " failed: " + progress.error);
    }
    if (progress.digest == null) {
      throw new IllegalStateException(
          "push of " + reference + " reported no digest; last status: " + progress.lastStatus);
    }
    return progress.digest;
  }

  /** {@link #importImage} then {@link #push(String)}; returns the manifest digest. */
  public String importAndPush(String reference, Map<String, String> labels, List<String> cmd) {
    importImage(reference, labels, cmd);
    return push(reference);
  }

  /**
   * The manifest digest a plain (auth-free) registry answers for {@code HEAD
   * /v2/<repository>/manifests/<tagOrDigest>}, or empty on 404.
   */
  public static Optional<String> manifestDigest(
      String registry, String repository, String tagOrDigest) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://" + registry + "/v2/" + repository + "/manifests/" + tagOrDigest))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .header("Accept", MANIFEST_ACCEPT)
            .timeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<Void> response = send(request, HttpResponse.BodyHandlers.discarding());
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "HEAD " + request.uri() + " answered " + response.statusCode());
    }
    return Optional.of(
        response
            .headers()
            .firstValue("Docker-Content-Digest")
            .orElseThrow(
                () -> new IllegalStateException("HEAD " + request.uri() + " has no digest")));
  }

  /** Tag to manifest digest for every tag of a repository in a plain registry. */
  public static Map<String, String> digests(String registry, String repository) {
    Map<String, String> digests = new LinkedHashMap<>();
    for (String tag : tags(registry, repository)) {
      manifestDigest(registry, repository, tag).ifPresent(digest -> digests.put(tag, digest));
    }
    return digests;
  }

  /** Every tag of a repository in a plain registry (one page of up to 1000). */
  public static List<String> tags(String registry, String repository) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://" + registry + "/v2/" + repository + "/tags/list?n=1000"))
            .timeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET " + request.uri() + " answered " + response.statusCode() + " " + response.body());
    }
    try {
      List<String> tags = new ArrayList<>();
      JSON.readTree(response.body()).path("tags").forEach(tag -> tags.add(tag.asText()));
      return tags;
    } catch (IOException e) {
      throw new IllegalStateException("GET " + request.uri() + ": " + response.body(), e);
    }
  }

  @Override
  public void close() {
    try {
      docker.close();
      dockerHttp.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> changes(Map<String, String> labels, List<String> cmd) {
    List<String> changes = new ArrayList<>();
    try {
      if (cmd != null && !cmd.isEmpty()) {
        changes.add("CMD " + JSON.writeValueAsString(cmd));
      }
      for (Map.Entry<String, String> label : labels.entrySet()) {
        changes.add(
            "LABEL "
                + JSON.writeValueAsString(label.getKey())
                + "="
                + JSON.writeValueAsString(label.getValue()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return changes;
  }

  /** The rootfs as a reproducible tar (same bytes every time, so the layer is shared). */
  private synchronized byte[] rootfsTar() {
    if (rootfsTar == null) {
      rootfsTar = tar(env.rootfs());
    }
    return rootfsTar;
  }

  /** A directory as a reproducible tar: same content, same bytes, same layer digest. */
  private static byte[] tar(Path dir) {
    try {
      Process tar =
          new ProcessBuilder(
                  "tar", "-C", dir.toString(), "--sort=name", "--mtime=@0",
                  "--owner=0", "--group=0", "--numeric-owner", "-cf", "-", ".")
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      byte[] bytes = tar.getInputStream().readAllBytes();
      if (tar.waitFor() != 0 || bytes.length == 0) {
        throw new IllegalStateException("tar of " + dir + " failed");
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot tar " + dir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
    try {
      return HTTP.send(request, body);
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Collects the digest (aux) and any error of a push's progress stream. */
  private static final class PushProgress extends ResultCallback.Adapter<PushResponseItem> {
    private volatile String digest;
    private volatile String error;
    private volatile String lastStatus;

    @Override
    public void onNext(PushResponseItem item) {
      if (item.getAux() != null && item.getAux().getDigest() != null) {
        digest = item.getAux().getDigest();
      }
      if (item.isErrorIndicated()) {
        error =
            item.getErrorDetail() != null ? item.getErrorDetail().getMessage() : item.toString();
      }
      if (item.getStatus() != null) {
        lastStatus = item.getStatus();
      }
    }
  }
}
