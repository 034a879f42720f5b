package dev.refit.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.docker.http.EngineHttp;
import dev.refit.image.Platform;
import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One Docker Engine, reached over its API socket: the host whose containers Refit inspects.
 *
 * @see #connect(String)
 */
public final class DockerEngine implements Closeable {
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  private final String host;
  private final EngineHttp http;
  private final EngineApi api;
  private final Platform platform;
  private final String hostName;
  private final String version;

  private DockerEngine(
      String host, EngineHttp http, EngineApi api, Platform platform, String hostName, String version) {
    this.host = host;
    this.http = http;
    this.api = api;
    this.platform = platform;
    this.hostName = hostName;
    this.version = version;
  }

  /** The engine to use: {@code --host}, else {@code DOCKER_HOST}, else the local socket. */
  public static String resolveHost(String flag, Map<String, String> environment) {
    if (flag != null && !flag.isBlank()) {
      return flag;
    }
    String fromEnv = environment.get("DOCKER_HOST");
    return fromEnv == null || fromEnv.isBlank() ? DEFAULT_HOST : fromEnv;
  }

  /**
   * Connects and asks the engine who it is, so that a missing engine fails here, in one line, and
   * not in the middle of a run. TLS settings come from {@code DOCKER_TLS_VERIFY} and {@code
   * DOCKER_CERT_PATH} as with the Docker CLI.
   *
   * @throws DockerEngineException naming the host and how to point Refit elsewhere
   */
  public static DockerEngine connect(String host) {
    return connect(host, System.getenv());
  }

  /** As {@link #connect(String)}, with the TLS settings read from {@code environment}. */
  public static DockerEngine connect(String host, Map<String, String> environment) {
    if (host.startsWith("unix://")) {
      Path socket = Path.of(host.substring("unix://".length()));
      if (!Files.exists(socket)) {
        throw unreachable(host, "no such socket", new NoSuchFileException(socket.toString()));
      }
      SocketAccess.problem(socket).ifPresent(line -> {
        throw new DockerEngineException(line, null);
      });
    }
    EngineHttp http;
    try {
      http = EngineHttp.connect(host, environment);
    } catch (IllegalArgumentException e) {
      throw new DockerEngineException("cannot use the Docker Engine at " + host + ": " + e.getMessage(), e);
    }
    EngineApi api = new EngineApi(http);
    try {
      JsonNode info = api.get("/info");
      Platform platform =
          new Platform(
              info.path("OSType").asText("linux"),
              info.path("Architecture").asText(""),
              "");
      return new DockerEngine(
          host, http, api, platform, textOrNull(info, "Name"), textOrNull(info, "ServerVersion"));
    } catch (RuntimeException e) {
      closeQuietly(http);
      throw unreachable(host, rootMessage(e), e);
    }
  }

  private static DockerEngineException unreachable(String host, String why, Throwable cause) {
    return new DockerEngineException(
        "cannot reach the Docker Engine at "
            + host
            + " ("
            + why
            + "): start Docker there, point Refit at another engine with --host or DOCKER_HOST,"
            + " or run ./scripts/demo to try Refit on a private engine",
        cause);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static void closeQuietly(EngineHttp http) {
    http.close();
  }

  /** The engine address as the user gave it, e.g. {@code unix:///var/run/docker.sock}. */
  public String host() {
    return host;
  }

  /**
   * The engine's API as JSON: every call Refit makes to the engine, so that copying a container's
   * configuration keeps every field the engine knows.
   */
  public EngineApi api() {
    return api;
  }

  /** The name of the machine the engine runs on ({@code docker info}'s Name), or {@code null}. */
  public String hostName() {
    return hostName;
  }

  /**
   * The engine's version ({@code docker info}'s ServerVersion, e.g. {@code 20.10.24}) as it was
   * when Refit connected, or {@code null}: for showing, without a call to the engine each time.
   */
  public String version() {
    return version;
  }

  /** The engine's OS and architecture: which manifest of a multi-platform image it pulls. */
  public Platform platform() {
    return platform;
  }

  @Override
  public void close() {
    closeQuietly(http);
  }
}
