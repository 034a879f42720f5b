package dev.refit.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.refit.notify.EventType;
import dev.refit.notify.MailSettings;
import dev.refit.notify.NotifierSettings;
import dev.refit.notify.NotifierType;
import dev.refit.registry.ByteSize;
import dev.refit.settings.Durations;
import dev.refit.settings.Secrets;
import dev.refit.store.DatabaseUrl;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The effective configuration as YAML, in the file's own shape, so it can be read back as a
 * configuration file (secrets aside). Every secret is printed as {@value Secrets#MASK}; URLs that
 * carry their secret in the path (Slack, Discord, Teams) show only scheme and host.
 */
public final class ConfigPrinter {
  private ConfigPrinter() {}

  /**
   * @param effectiveDockerHost the engine in use ({@code DOCKER_HOST} or the default when none is
   *     configured)
   * @param effectiveStateDir the state directory in use (the default when none is configured)
   */
  public static String render(RefitConfig c, String effectiveDockerHost, Path effectiveStateDir) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("docker", map("host", effectiveDockerHost, "events", c.schedule().dockerEvents()));
    root.put(
        "check",
        map(
            "defaultPolicy", "semver:" + c.versionTagLevel().label(),
            "optIn", c.optInOnly(),
            "parallelism", c.checkParallelism()));
    root.put(
        "registry",
        map(
            "concurrency", c.registry().maxConcurrentRequestsPerRegistry(),
            "timeout", Durations.format(c.registry().requestTimeout()),
            "retries", c.registry().maxAttempts(),
            "insecure", List.copyOf(c.registry().insecureRegistries()),
            "maxTagPages", c.registry().maxTagPages(),
            "maxAnswerSize", new ByteSize(c.registry().maxAnswerBytes()).toString()));
    Map<String, Object> registries = new LinkedHashMap<>();
    for (RegistryAccount a : c.registries()) {
      registries.put(
          a.name(),
          map(
              "host", a.host(),
              "username", a.username(),
              "password", Secrets.mask(a.password()),
              "insecure", a.insecure()));
    }
    root.put("registries", registries);
    root.put(
        "state",
        map(
            "dir", effectiveStateDir.toString(),
            "database", c.database() == null ? null : c.database().toString(),
            "databasePassword", databasePassword(c)));
    root.put(
        "schedule",
        map(
            "cron", c.schedule().cron() == null ? "off" : c.schedule().cron().toString(),
            "jitter", Durations.format(c.schedule().jitter()),
            "checkAtStart", c.schedule().checkAtStart(),
            "timezone", c.schedule().zone().getId()));
    root.put(
        "update",
        map(
            "mode", c.gates().mode().label(),
            "minAge", Durations.format(c.gates().minAge()),
            "windows", c.gates().windows().stream().map(Object::toString).toList(),
            "stability", Durations.format(c.update().stability()),
            "healthTimeout", c.update().healthTimeout() == null ? null : Durations.format(c.update().healthTimeout()),
            "hookTimeout", Durations.format(c.update().hookTimeout()),
            "cleanup", c.update().cleanup(),
            "parallelism", c.update().parallelism(),
            "backupImage", c.update().backupImage(),
            "backupMaxSize", new ByteSize(c.update().backupMaxSize()).toString()));
    ServeSettings s = c.serve();
    root.put(
        "serve",
        map(
            "address", s.address(),
            "port", s.port(),
            "token", Secrets.mask(s.token()),
            "username", s.username(),
            "password", Secrets.mask(s.password()),
            "anonymous", s.anonymous(),
            "metricsPublic", s.metricsPublic()));
    Map<String, Object> webhooks = new LinkedHashMap<>();
    webhooks.put("secret", Secrets.mask(c.webhooks().secret()));
    c.webhooks().secrets().forEach((kind, secret) -> webhooks.put(kind, map("secret", Secrets.MASK)));
    root.put("webhooks", webhooks);
    Map<String, Object> notify = new LinkedHashMap<>();
    for (NotifierSettings n : c.notifiers()) {
      notify.put(n.name(), notifier(n));
    }
    root.put("notify", notify);
    root.put(
        "swarm",
        map(
            "allServices", c.swarm().allServices(),
            "safe", c.swarm().safeDefaults(),
            "updateTimeout", Durations.format(c.swarm().updateTimeout())));
    root.put(
        "fleet",
        map(
            "local", c.fleet().local(),
            "heartbeat", Durations.format(c.fleet().heartbeat()),
            "offlineAfter", Durations.format(c.fleet().offlineAfter())));
    try {
      ObjectMapper yaml =
          new ObjectMapper(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .build());
      return yaml.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plain maps always serialise", e);
    }
  }

  private static Map<String, Object> notifier(NotifierSettings n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", n.type().word());
    m.put("events", n.events().stream().sorted().map(EventType::label).toList());
    m.put("template", n.template().toString());
    switch (n.type()) {
      case SCRIPT -> m.put("command", n.command());
      case EMAIL -> {
        MailSettings mail = n.mail();
        m.put("host", mail.host());
        m.put("port", mail.port());
        m.put("tls", mail.tls());
        m.put("username", mail.username());
        m.put("password", Secrets.mask(mail.password()));
        m.put("from", mail.from());
        m.put("to", mail.to());
        m.put("subject", mail.subject().toString());
      }
      case WEBHOOK, SLACK, DISCORD, TEAMS, NTFY, GOTIFY -> {
        m.put("url", maskUrl(n.url()));
        if (!n.headers().isEmpty()) {
          m.put("headers", mapValues(n.headers(), v -> Secrets.MASK));
        }
        m.put("token", Secrets.mask(n.token()));
        m.put("priority", n.priority());
      }
    }
    m.put("timeout", Durations.format(n.timeout()));
    m.values().removeIf(v -> v == null);
    return m;
  }

  /** Shown apart only when it was given apart: a password in the URL is masked there. */
  private static String databasePassword(RefitConfig c) {
    DatabaseUrl db = c.database();
    return db == null || db.passwordInUrl() ? null : Secrets.mask(db.password());
  }

  /** Scheme and host only: Slack, Discord and Teams URLs are themselves the secret. */
  static String maskUrl(String url) {
    if (url == null) {
      return null;
    }
    try {
      URI uri = URI.create(url);
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "" : "/" + Secrets.MASK;
      return uri.getScheme() + "://" + uri.getRawAuthority().replaceAll(".*@", Secrets.MASK + "@") + path;
    } catch (IllegalArgumentException | NullPointerException e) {
      return Secrets.MASK;
    }
  }

  private static <V> Map<String, Object> mapValues(Map<String, V> in, Function<V, Object> f) {
    Map<String, Object> out = new LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k, f.apply(v)));
    return out;
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
