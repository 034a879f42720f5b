package dev.refit.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code REFIT_*} environment variables and the configuration keys they set. Every key of the
 * file has one; named entries ({@code registries.<name>}, {@code notify.<name>}) take the name
 * from the variable, upper case in the variable and lower case in the key.
 */
public final class EnvironmentVariables {
  /** How a variable's text becomes a value. */
  enum Shape {
    SCALAR,
    /** Comma-separated list. */
    COMMA_LIST,
    /** Semicolon-separated list, for values that contain commas (cron expressions). */
    SEMICOLON_LIST,
    /** Whitespace-separated list (a command line). */
    WORDS
  }

  /**
   * One fixed variable.
   *
   * @param name e.g. {@code REFIT_SCHEDULE}
   * @param key e.g. {@code schedule.cron}
   */
  public record Variable(String name, String key, Shape shape) {}

  /** Variables with a fixed name, in the order the documentation lists them. */
  public static final List<Variable> FIXED =
      List.of(
          v("REFIT_DOCKER_HOST", "docker.host"),
          v("REFIT_DOCKER_EVENTS", "docker.events"),
          v("REFIT_DEFAULT_POLICY", "check.defaultPolicy"),
          v("REFIT_OPT_IN", "check.optIn"),
          v("REFIT_CHECK_PARALLELISM", "check.parallelism"),
          v("REFIT_REGISTRY_CONCURRENCY", "registry.concurrency"),
          v("REFIT_REGISTRY_TIMEOUT", "registry.timeout"),
          v("REFIT_REGISTRY_RETRIES", "registry.retries"),
          v("REFIT_REGISTRY_MAX_TAG_PAGES", "registry.maxTagPages"),
          v("REFIT_REGISTRY_MAX_ANSWER_SIZE", "registry.maxAnswerSize"),
          new Variable("REFIT_INSECURE_REGISTRIES", "registry.insecure", Shape.COMMA_LIST),
          v("REFIT_STATE_DIR", "state.dir"),
          v("REFIT_DATABASE_URL", "state.database"),
          v("REFIT_DATABASE_PASSWORD", "state.databasePassword"),
          v("REFIT_DATABASE_PASSWORD_FILE", "state.databasePasswordFile"),
          v("REFIT_SCHEDULE", "schedule.cron"),
          v("REFIT_SCHEDULE_JITTER", "schedule.jitter"),
          v("REFIT_CHECK_AT_START", "schedule.checkAtStart"),
          v("REFIT_TIMEZONE", "schedule.timezone"),
          v("REFIT_MODE", "update.mode"),
          v("REFIT_MIN_AGE", "update.minAge"),
          new Variable("REFIT_MAINTENANCE_WINDOWS", "update.windows", Shape.SEMICOLON_LIST),
          v("REFIT_UPDATE_STABILITY", "update.stability"),
          v("REFIT_UPDATE_HEALTH_TIMEOUT", "update.healthTimeout"),
          v("REFIT_UPDATE_HOOK_TIMEOUT", "update.hookTimeout"),
          v("REFIT_UPDATE_CLEANUP", "update.cleanup"),
          v("REFIT_UPDATE_BACKUP_IMAGE", "update.backupImage"),
          v("REFIT_UPDATE_BACKUP_MAX_SIZE", "update.backupMaxSize"),
          v("REFIT_UPDATE_PARALLELISM", "update.parallelism"),
          v("REFIT_SWARM_ALL_SERVICES", "swarm.allServices"),
          v("REFIT_SWARM_SAFE", "swarm.safe"),
          v("REFIT_SWARM_UPDATE_TIMEOUT", "swarm.updateTimeout"),
          v("REFIT_FLEET_LOCAL", "fleet.local"),
          v("REFIT_FLEET_HEARTBEAT", "fleet.heartbeat"),
          v("REFIT_FLEET_OFFLINE_AFTER", "fleet.offlineAfter"),
          v("REFIT_SERVE_ADDRESS", "serve.address"),
          v("REFIT_SERVE_PORT", "serve.port"),
          v("REFIT_API_TOKEN", "serve.token"),
          v("REFIT_API_TOKEN_FILE", "serve.tokenFile"),
          v("REFIT_API_USERNAME", "serve.username"),
          v("REFIT_API_PASSWORD", "serve.password"),
          v("REFIT_API_PASSWORD_FILE", "serve.passwordFile"),
          v("REFIT_API_ANONYMOUS", "serve.anonymous"),
          v("REFIT_METRICS_PUBLIC", "serve.metricsPublic"),
          v("REFIT_SERVE_TLS_CERT", "serve.tlsCert"),
          v("REFIT_SERVE_TLS_KEY", "serve.tlsKey"),
          v("REFIT_WEBHOOK_SECRET", "webhooks.secret"));

  /** {@code REFIT_REGISTRY_<NAME>_<FIELD>}: field names, variable form to key form. */
  public static final Map<String, String> REGISTRY_FIELDS =
      Map.of(
          "HOST", "host",
          "USERNAME", "username",
          "PASSWORD", "password",
          "PASSWORD_FILE", "passwordFile",
          "INSECURE", "insecure");

  /** {@code REFIT_NOTIFY_<NAME>_<FIELD>}: field names, variable form to key form. */
  public static final Map<String, String> NOTIFY_FIELDS =
      Map.ofEntries(
          Map.entry("TYPE", "type"),
          Map.entry("EVENTS", "events"),
          Map.entry("TEMPLATE", "template"),
          Map.entry("URL", "url"),
          Map.entry("TOKEN", "token"),
          Map.entry("COMMAND", "command"),
          Map.entry("TIMEOUT", "timeout"),
          Map.entry("PRIORITY", "priority"),
          Map.entry("HOST", "host"),
          Map.entry("PORT", "port"),
          Map.entry("USERNAME", "username"),
          Map.entry("PASSWORD", "password"),
          Map.entry("PASSWORD_FILE", "passwordFile"),
          Map.entry("FROM", "from"),
          Map.entry("TO", "to"),
          Map.entry("TLS", "tls"),
          Map.entry("SUBJECT", "subject"));

  private static final Pattern REGISTRY =
      Pattern.compile("REFIT_REGISTRY_([A-Z0-9_]+?)_(" + alternatives(REGISTRY_FIELDS) + ")");
  private static final Pattern NOTIFY =
      Pattern.compile("REFIT_NOTIFY_([A-Z0-9_]+?)_(" + alternatives(NOTIFY_FIELDS) + ")");
  private static final Pattern WEBHOOK = Pattern.compile("REFIT_WEBHOOK_([A-Z]+)_SECRET");

  private EnvironmentVariables() {}

  private static Variable v(String name, String key) {
    return new Variable(name, key, Shape.SCALAR);
  }

  private static String alternatives(Map<String, String> fields) {
    // longest first, so PASSWORD_FILE is not read as a name ending in _PASSWORD
    return fields.keySet().stream()
        .sorted((a, b) -> b.length() - a.length())
        .reduce((a, b) -> a + "|" + b)
        .orElseThrow();
  }

  /** Writes every {@code REFIT_*} variable Refit knows into the tree; others are left alone. */
  static void apply(Map<String, String> environment, ConfigTree tree) {
    for (Variable variable : FIXED) {
      String value = environment.get(variable.name());
      if (value != null && !value.isBlank()) {
        tree.set(variable.key(), shape(value, variable.shape()), variable.name());
      }
    }
    for (String name : new TreeSet<>(environment.keySet())) {
      String value = environment.get(name);
      if (value == null || value.isBlank() || isFixed(name)) {
        continue;
      }
      Matcher registry = REGISTRY.matcher(name);
      Matcher notify = NOTIFY.matcher(name);
      Matcher webhook = WEBHOOK.matcher(name);
      if (registry.matches()) {
        tree.set(
            "registries." + lower(registry.group(1)) + "." + REGISTRY_FIELDS.get(registry.group(2)),
            TextNode.valueOf(value),
            name);
      } else if (notify.matches()) {
        String field = NOTIFY_FIELDS.get(notify.group(2));
        Shape shape =
            switch (field) {
              case "events", "to" -> Shape.COMMA_LIST;
              case "command" -> Shape.WORDS;
              default -> Shape.SCALAR;
            };
        tree.set("notify." + lower(notify.group(1)) + "." + field, shape(value, shape), name);
      } else if (webhook.matches()) {
        tree.set("webhooks." + lower(webhook.group(1)) + ".secret", TextNode.valueOf(value), name);
      }
    }
  }

  private static boolean isFixed(String name) {
    return FIXED.stream().anyMatch(v -> v.name().equals(name));
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static JsonNode shape(String value, Shape shape) {
    String separator =
        switch (shape) {
          case SCALAR -> null;
          case COMMA_LIST -> ",";
          case SEMICOLON_LIST -> ";";
          case WORDS -> "\\s+";
        };
    if (separator == null) {
      return TextNode.valueOf(value);
    }
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    Arrays.stream(value.trim().split(separator))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .forEach(list::add);
    return list;
  }
}
