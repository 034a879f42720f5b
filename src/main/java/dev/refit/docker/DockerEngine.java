package dev.refit.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.docker.http.EngineHttp;
import dev.refit.image.Platform;
import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Docker Engine, reached over its API socket: the host whose containers Refit inspects.
 *
 * @see #connect(String)
 */
public final class DockerEngine implements Closeable {
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
  private static final Logger LOG = LoggerFactory.getLogger(DockerEngine.class);

  private final String host;
  private final EngineHttp http;
  private final EngineApi api;
  private final Object infoLock = new Object();
  private @Nullable Facts facts;

  /** What {@code GET /info} says about the engine, asked once, when first needed. */
  private record Facts(Platform platform, @Nullable String hostName, @Nullable String version) {}

  private DockerEngine(String host, EngineHttp http, EngineApi api) {
    this.host = host;
    this.http = http;
    this.api = api;
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
   * Connects and pings the engine, so that a missing engine fails here, in one line, and not in the
   * middle of a run. TLS settings come from {@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH}
   * as with the Docker CLI.
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
      // /_ping, not /info: the engine answers it at once, where /info takes 30-40 ms on a host
      // with a few hundred containers (it counts them and asks containerd), a cost every `refit
      // check` paid for facts it mostly does not need. A socket proxy allows it by default too.
      api.getBytes("/_ping");
      return new DockerEngine(host, http, api);
    } catch (RuntimeException e) {
      closeQuietly(http);
      throw unreachable(host, rootMessage(e), e);
    }
  }

  /**
   * Asks the engine for its facts now rather than when first needed: for a daemon, whose start
   * may take the time and whose first cycle should not.
   */
  public void learnFacts() {
    facts();
  }

  private Facts facts() {
    synchronized (infoLock) {
      if (facts == null) {
        facts = askFacts();
      }
      return facts;
    }
  }

  private Facts askFacts() {
    JsonNode info;
    try {
      info = api.get("/info");
    } catch (EngineApiException e) {
      // An answer, not a failure to reach: a socket proxy that denies /info (docker-socket-proxy
      // does unless INFO=1). Refit works without the facts; the platform is most likely this one.
      Platform here = Platform.ofThisMachine();
      // the status, not the answer: a proxy's is an HTML page over several lines
      LOG.warn(
          "the Docker Engine at {} does not tell its platform (GET /info answered {}); assuming {}",
          host, e.status(), here);
      return new Facts(here, null, null);
    }
    Platform platform =
        new Platform(info.path("OSType").asText("linux"), info.path("Architecture").asText(""), "");
    return new Facts(platform, textOrNull(info, "Name"), textOrNull(info, "ServerVersion"));
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

  private static @Nullable String textOrNull(JsonNode node, String field) {
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

  /**
   * The name of the machine the engine runs on ({@code docker info}'s Name), or {@code null}. This
   * and the two below are asked of the engine once, on the first call of any of them.
   */
  public @Nullable String hostName() {
    return facts().hostName();
  }

  /**
   * The engine's version ({@code docker info}'s ServerVersion, e.g. {@code 20.10.24}) as it was
   * when first asked, or {@code null}: for showing, without a call to the engine each time.
   */
  public @Nullable String version() {
    return facts().version();
  }

  /** The engine's OS and architecture: which manifest of a multi-platform image it pulls. */
  public Platform platform() {
    return facts().platform();
  }

  @Override
  public void close() {
    closeQuietly(http);
  }
}
