package dev.refit.docker.http;

import dev.refit.http.client.Dialer;
import dev.refit.http.client.TcpDialer;
import java.nio.file.Path;
import java.util.Map;

/** Reads a Docker host address and the TLS environment as the Docker CLI does. */
final class Dialers {
  private Dialers() {}

  /**
   * @throws IllegalArgumentException for an address or certificate file that cannot be used, naming
   *     it
   */
  static Dialer of(String host, Map<String, String> env) {
    if (host.startsWith("unix://")) {
      String path = host.substring("unix://".length());
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException(
            "Docker host " + host + ": a unix socket needs an absolute path (unix:///path)");
      }
      return new UnixDialer(host, Path.of(path));
    }
    if (host.startsWith("tcp://")) {
      boolean tls = !env.getOrDefault("DOCKER_TLS_VERIFY", "").isEmpty();
      String authority = host.substring("tcp://".length());
      if (authority.endsWith("/")) {
        authority = authority.substring(0, authority.length() - 1);
      }
      String name = authority;
      // Docker's defaults when the port is left out.
      int port = tls ? 2376 : 2375;
      int colon = authority.lastIndexOf(':');
      if (colon >= 0 && colon > authority.lastIndexOf(']')) {
        name = authority.substring(0, colon);
        port = port(host, authority.substring(colon + 1));
      }
      if (name.startsWith("[") && name.endsWith("]")) {
        name = name.substring(1, name.length() - 1);
      }
      if (name.isEmpty() || name.contains("/")) {
        throw new IllegalArgumentException("Docker host " + host + ": expected tcp://host:port");
      }
      return new TcpDialer(host, name, port, tls ? TlsLayer.fromCertPath(certPath(env)) : null);
    }
    throw new IllegalArgumentException(
        "Docker host " + host + " is not supported: use unix:///path or tcp://host:port");
  }

  private static int port(String host, String text) {
    try {
      int port = Integer.parseInt(text);
      if (port > 0 && port < 65536) {
        return port;
      }
    } catch (NumberFormatException notANumber) {
      // reported below
    }
    throw new IllegalArgumentException("Docker host " + host + ": bad port \"" + text + "\"");
  }

  private static Path certPath(Map<String, String> env) {
    String path = env.getOrDefault("DOCKER_CERT_PATH", "");
    if (!path.isEmpty()) {
      return Path.of(path);
    }
    String config = env.getOrDefault("DOCKER_CONFIG", "");
    if (!config.isEmpty()) {
      return Path.of(config);
    }
    return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".docker");
  }
}
