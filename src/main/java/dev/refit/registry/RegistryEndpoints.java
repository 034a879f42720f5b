package dev.refit.registry;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Decides http or https per registry host, as Docker does: plain http only for loopback and insecure registries. */
final class RegistryEndpoints {
  private final Set<String> insecure;

  RegistryEndpoints(Set<String> insecureRegistries) {
    this.insecure =
        insecureRegistries.stream()
            .map(r -> RegistryNames.canonical(r))
            .collect(Collectors.toUnmodifiableSet());
  }

  /** {@code http://host:port} or {@code https://host}, no trailing slash. */
  URI base(String apiHost) {
    return URI.create((isPlainHttp(apiHost) ? "http://" : "https://") + apiHost);
  }

  boolean isPlainHttp(String apiHost) {
    return isLoopback(apiHost) || insecure.contains(RegistryNames.canonical(apiHost));
  }

  /** Same scheme, host and effective port: where a registry's token may be sent along. */
  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && effectivePort(a) == effectivePort(b);
  }

  private static int effectivePort(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  /** {@code localhost}, {@code 127.0.0.0/8} and {@code [::1]}, with or without a port. */
  static boolean isLoopback(String hostAndPort) {
    String host = hostAndPort.toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close > 0 && host.substring(1, close).equals("::1");
    }
    int colon = host.indexOf(':');
    if (colon >= 0) {
      host = host.substring(0, colon);
    }
    return host.equals("localhost") || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }
}
