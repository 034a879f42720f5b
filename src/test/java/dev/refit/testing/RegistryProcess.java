package dev.refit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A {@code docker-registry serve} (distribution 2.8) on 127.0.0.1 with a free port and a generated
 * configuration: filesystem storage (by default the shared registry's storage, so the standard
 * images appear without pushing again), delete enabled, no blob descriptor cache (instances over
 * the same storage then see each other's pushes), optionally htpasswd or token auth and
 * notifications. {@link #close()} stops it.
 *
 * <pre>{@code
 * try (RegistryProcess registry = RegistryProcess.builder().htpasswd("alice", "secret").start()) {
 *   registry.address();   // 127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class RegistryProcess implements AutoCloseable {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final Path dir;
  private final Path storage;
  private final RegistryLog log;
  private final Thread shutdownHook;

  private RegistryProcess(Process process, int port, Path dir, Path storage) {
    this.process = process;
    this.port = port;
    this.dir = dir;
    this.storage = storage;
    this.log = new RegistryLog(dir.resolve("access.log"));
    this.shutdownHook = new Thread(process::destroyForcibly, "stop registry " + port);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A plain registry over the shared registry's storage. */
  public static RegistryProcess start() {
    return builder().start();
  }

  /** {@code 127.0.0.1:<port>}, usable as the registry part of an image reference. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI baseUri() {
    return URI.create("http://" + address());
  }

  public Path storage() {
    return storage;
  }

  /** Directory with config.yml, access.log (requests) and registry.log (application log). */
  public Path directory() {
    return dir;
  }

  /** The requests this registry answered since start or {@link #clearLog()}, oldest first. */
  public List<RegistryRequest> requestLog() {
    return log.requests();
  }

  /** This registry's access log, for {@link RegistryLog#await} and filtering. */
  public RegistryLog log() {
    return log;
  }

  public void clearLog() {
    log.clear();
  }

  /** The last lines of the application log, for failure messages. */
  public String logTail(int lines) {
    return tail(dir.resolve("registry.log"), lines);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    stop(process);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // JVM shutting down already
    }
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Configuration of a {@link RegistryProcess}; {@link #start()} launches it. */
  public static final class Builder {
    private Path storage;
    private Path parentDir;
    private final Map<String, String> htpasswd = new LinkedHashMap<>();
    private TokenAuth tokenAuth;
    private final List<Notification> notifications = new ArrayList<>();

    private Builder() {}

    /** Storage root directory; default: the shared registry's ({@code REFIT_TEST_REGISTRY_DATA}). */
    public Builder storage(Path dir) {
      this.storage = dir;
      return this;
    }

    /** Where this registry's own directory (config, logs) is created; default REFIT_TEST_DIR. */
    public Builder parentDirectory(Path dir) {
      this.parentDir = dir;
      return this;
    }

    /** Requires HTTP Basic with this user (bcrypt entry); call again for more users. */
    public Builder htpasswd(String user, String password) {
      htpasswd.put(user, password);
      return this;
    }

    /** Requires bearer tokens signed by the key of {@code certPem} (see {@link TokenServer}). */
    public Builder tokenAuth(String realmUrl, String service, String issuer, Path certPemPath) {
      this.tokenAuth = new TokenAuth(realmUrl, service, issuer, certPemPath);
      return this;
    }

    /** Token auth with realm, service, issuer and certificate of this token server. */
    public Builder tokenAuth(TokenServer server) {
      return tokenAuth(server.realm(), server.service(), server.issuer(), server.certificatePem());
    }

    /** Sends distribution events to {@code url} with these headers (e.g. Authorization). */
    public Builder notifications(String url, Map<String, String> headers) {
      notifications.add(new Notification(url, Map.copyOf(headers)));
      return this;
    }

    public RegistryProcess start() {
      if (!htpasswd.isEmpty() && tokenAuth != null) {
        throw new IllegalStateException("choose htpasswd or token auth, not both");
      }
      TestEnvironment env = null;
      if (storage == null || parentDir == null) {
        env = TestEnvironment.get();
      }
      Path storageDir = storage != null ? storage : env.registryDataDir();
      Path parent = parentDir != null ? parentDir : env.dir().resolve("registries");
      IllegalStateException failure = null;
      for (int attempt = 1; attempt <= 3; attempt++) {
        int port = Ports.freeLoopbackPort();
        try {
          Path dir = Files.createDirectories(parent.resolve("registry-" + port));
          Files.createDirectories(storageDir);
          Path config = dir.resolve("config.yml");
          Files.writeString(config, config(port, storageDir, dir));
          Process process =
              new ProcessBuilder("docker-registry", "serve", config.toString())
                  .directory(dir.toFile())
                  .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("access.log").toFile()))
                  .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("registry.log").toFile()))
                  .start();
          process.getOutputStream().close();
          RegistryProcess registry = new RegistryProcess(process, port, dir, storageDir);
          if (awaitReady(registry)) {
            return registry;
          }
          String tail = registry.logTail(20);
          registry.close();
          failure =
              new IllegalStateException(
                  "registry on port " + port + " did not answer /v2/ within 15s; log:\n" + tail);
        } catch (IOException e) {
          throw new UncheckedIOException(
              "cannot start docker-registry (is it installed? " + TestEnvironment.HINT + ")", e);
        }
      }
      throw failure;
    }

    private static boolean awaitReady(RegistryProcess registry) {
      HttpRequest request =
          HttpRequest.newBuilder(registry.baseUri().resolve("/v2/"))
              .timeout(Duration.ofSeconds(2))
              .build();
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (System.nanoTime() < deadline && registry.isAlive()) {
        try {
          int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
          if (status == 200 || status == 401) {
            registry.clearLog();
            return true;
          }
        } catch (IOException e) {
          // not listening yet
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return false;
    }

    private String config(int port, Path storageDir, Path dir) throws IOException {
      StringBuilder yaml = new StringBuilder();
      yaml.append("version: 0.1\n")
          .append("log:\n  level: info\n  formatter: json\n  accesslog:\n    disabled: false\n")
          .append("storage:\n")
          .append("  filesystem:\n    rootdirectory: ").append(q(storageDir.toString())).append('\n')
          .append("  delete:\n    enabled: true\n")
          .append("  redirect:\n    disable: true\n")
          .append("  maintenance:\n    uploadpurging:\n      enabled: false\n")
          .append("http:\n  addr: ").append(q("127.0.0.1:" + port)).append('\n')
          .append("  secret: refit-test-secret\n")
          .append("  headers:\n    X-Content-Type-Options: [nosniff]\n")
          .append("health:\n  storagedriver:\n    enabled: false\n");
      if (!htpasswd.isEmpty()) {
        Path file = dir.resolve("htpasswd");
        StringBuilder entries = new StringBuilder();
        for (Map.Entry<String, String> user : htpasswd.entrySet()) {
          entries.append(bcryptEntry(user.getKey(), user.getValue())).append('\n');
        }
        Files.writeString(file, entries);
        yaml.append("auth:\n  htpasswd:\n    realm: refit-test\n    path: ")
            .append(q(file.toString())).append('\n');
      }
      if (tokenAuth != null) {
        yaml.append("auth:\n  token:\n")
            .append("    realm: ").append(q(tokenAuth.realm())).append('\n')
            .append("    service: ").append(q(tokenAuth.service())).append('\n')
            .append("    issuer: ").append(q(tokenAuth.issuer())).append('\n')
            .append("    rootcertbundle: ").append(q(tokenAuth.certPem().toString())).append('\n');
      }
      if (!notifications.isEmpty()) {
        yaml.append("notifications:\n  events:\n    includereferences: true\n  endpoints:\n");
        int n = 0;
        for (Notification notification : notifications) {
          yaml.append("    - name: ").append(q("refit-test-" + n++)).append('\n')
              .append("      url: ").append(q(notification.url())).append('\n')
              .append("      timeout: 2s\n      threshold: 3\n      backoff: 1s\n");
          if (!notification.headers().isEmpty()) {
            yaml.append("      headers:\n");
            notification.headers().forEach((name, value) ->
                yaml.append("        ").append(q(name)).append(": [").append(q(value)).append("]\n"));
          }
        }
      }
      return yaml.toString();
    }

    /** A YAML double-quoted scalar. */
    private static String q(String value) {
      StringBuilder out = new StringBuilder("\"");
      for (char c : value.toCharArray()) {
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          default -> out.append(c);
        }
      }
      return out.append('"').toString();
    }

    private static String bcryptEntry(String user, String password) throws IOException {
      Process htpasswd = new ProcessBuilder("htpasswd", "-Bbn", user, password).start();
      String out = new String(htpasswd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(htpasswd.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      try {
        if (htpasswd.waitFor() != 0) {
          throw new IllegalStateException("htpasswd -Bbn failed: " + err);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      return out.strip();
    }
  }

  private record TokenAuth(String realm, String service, String issuer, Path certPem) {
    TokenAuth {
      Objects.requireNonNull(realm, "realm");
      Objects.requireNonNull(service, "service");
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(certPem, "certPem");
    }
  }

  private record Notification(String url, Map<String, String> headers) {}
}
