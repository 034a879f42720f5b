package dev.refit.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.refit.registry.RegistrySettings;
import dev.refit.version.SemverLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the {@link RefitConfig}: defaults, then the YAML file ({@code --config} or {@code
 * REFIT_CONFIG}), then {@code REFIT_*} environment variables. Every bad value stops here with one
 * line naming where it came from, the key, the value and what is allowed; unknown keys too, since
 * a typo would otherwise be ignored silently.
 */
public final class ConfigLoader {
  public static final String CONFIG_ENV = "REFIT_CONFIG";
  private static final Pattern REGISTRY_ENV =
      Pattern.compile("REFIT_REGISTRY_([A-Z0-9_]+?)_(HOST|USERNAME|PASSWORD|PASSWORD_FILE|INSECURE)");

  private final Map<String, String> environment;

  public ConfigLoader(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /**
   * @param file the {@code --config} flag, or {@code null} to use {@code REFIT_CONFIG} or nothing
   */
  public RefitConfig load(Path file) {
    Path path = file;
    if (path == null && environment.get(CONFIG_ENV) != null && !environment.get(CONFIG_ENV).isBlank()) {
      path = Path.of(environment.get(CONFIG_ENV));
    }
    Builder b = new Builder();
    if (path != null) {
      readFile(path, b);
    }
    readEnvironment(b);
    return b.build();
  }

  private static final class Builder {
    String dockerHost;
    SemverLevel level = SemverLevel.MINOR;
    boolean optInOnly;
    int parallelism = 16;
    RegistrySettings.Builder registry = RegistrySettings.builder();
    Set<String> insecure = new LinkedHashSet<>();
    Map<String, RegistryAccount> accounts = new LinkedHashMap<>();
    Map<String, String> accountSources = new LinkedHashMap<>();
    Duration stability = UpdateSettings.DEFAULT_STABILITY;
    Duration healthTimeout;
    Duration hookTimeout = UpdateSettings.DEFAULT_HOOK_TIMEOUT;
    boolean cleanup;
    boolean allServices;
    boolean swarmSafe;
    Duration swarmTimeout = SwarmSettings.DEFAULT_UPDATE_TIMEOUT;

    RefitConfig build() {
      Set<String> allInsecure = new LinkedHashSet<>(insecure);
      List<RegistryAccount> list = new ArrayList<>();
      accounts.forEach(
          (name, a) -> {
            String where = accountSources.get(name);
            if (a.host() == null || a.host().isBlank()) {
              throw new ConfigException(where + ": registry '" + name + "' has no host");
            }
            if ((a.username() == null) != (a.password() == null)) {
              throw new ConfigException(
                  where + ": registry '" + name + "' needs both a username and a password");
            }
            if (a.insecure()) {
              allInsecure.add(a.host());
            }
            list.add(a);
          });
      return new RefitConfig(
          dockerHost,
          level,
          optInOnly,
          parallelism,
          registry.insecureRegistries(allInsecure).build(),
          list,
          new UpdateSettings(stability, healthTimeout, hookTimeout, cleanup),
          new SwarmSettings(allServices, swarmSafe, swarmTimeout));
    }
  }

  private void readFile(Path path, Builder b) {
    String where = "config " + path;
    JsonNode root;
    try {
      String text = Files.readString(path, StandardCharsets.UTF_8);
      root = new ObjectMapper(new YAMLFactory()).readTree(text);
    } catch (JsonProcessingException e) {
      String location =
          e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw new ConfigException(where + ": not valid YAML" + location + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException(where + ": cannot be read (" + e.getMessage() + ")");
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return;
    }
    Section top = new Section(where, "", root);
    top.allow("docker", "check", "registry", "registries", "update", "swarm");
    Section docker = top.section("docker");
    docker.allow("host");
    b.dockerHost = docker.string("host", b.dockerHost);

    Section check = top.section("check");
    check.allow("defaultPolicy", "optIn", "parallelism");
    String policy = check.string("defaultPolicy", null);
    if (policy != null) {
      b.level = parseVersionTagLevel(check.describe("defaultPolicy"), policy);
    }
    b.optInOnly = check.bool("optIn", b.optInOnly);
    b.parallelism = check.positiveInt("parallelism", b.parallelism);

    Section swarm = top.section("swarm");
    swarm.allow("allServices", "safe", "updateTimeout");
    b.allServices = swarm.bool("allServices", b.allServices);
    b.swarmSafe = swarm.bool("safe", b.swarmSafe);
    b.swarmTimeout = swarm.duration("updateTimeout", b.swarmTimeout);

    Section registry = top.section("registry");
    registry.allow("concurrency", "timeout", "retries", "insecure", "maxTagPages");
    RegistrySettings defaults = RegistrySettings.defaults();
    b.registry.maxConcurrentRequestsPerRegistry(
        registry.positiveInt("concurrency", defaults.maxConcurrentRequestsPerRegistry()));
    b.registry.requestTimeout(registry.duration("timeout", defaults.requestTimeout()));
    b.registry.retries(
        registry.positiveInt("retries", defaults.maxAttempts()), defaults.retryBackoff());
    b.registry.tagPages(
        defaults.tagPageSize(), registry.positiveInt("maxTagPages", defaults.maxTagPages()));
    b.insecure.addAll(registry.strings("insecure"));

    Section update = top.section("update");
    update.allow("stability", "healthTimeout", "hookTimeout", "cleanup");
    b.stability = update.duration("stability", b.stability);
    b.healthTimeout = update.duration("healthTimeout", b.healthTimeout);
    b.hookTimeout = update.duration("hookTimeout", b.hookTimeout);
    b.cleanup = update.bool("cleanup", b.cleanup);

    Section registries = top.section("registries");
    for (String name : registries.keys()) {
      Section r = registries.section(name);
      r.allow("host", "username", "password", "passwordFile", "insecure");
      String password = r.string("password", null);
      String passwordFile = r.string("passwordFile", null);
      if (password != null && passwordFile != null) {
        throw new ConfigException(
            where + ": registries." + name + " has both password and passwordFile; keep one");
      }
      if (passwordFile != null) {
        password = readSecretFile(where + ": registries." + name + ".passwordFile", passwordFile);
      }
      b.accounts.put(
          name,
          new RegistryAccount(
              name,
              r.string("host", null),
              r.string("username", null),
              password,
              r.bool("insecure", false)));
      b.accountSources.put(name, where);
    }
  }

  private void readEnvironment(Builder b) {
    String policy = environment.get("REFIT_DEFAULT_POLICY");
    if (policy != null && !policy.isBlank()) {
      b.level = parseVersionTagLevel("REFIT_DEFAULT_POLICY", policy);
    }
    String optIn = environment.get("REFIT_OPT_IN");
    if (optIn != null && !optIn.isBlank()) {
      b.optInOnly = parseBool("REFIT_OPT_IN", optIn);
    }
    b.stability = envDuration("REFIT_UPDATE_STABILITY", b.stability);
    b.healthTimeout = envDuration("REFIT_UPDATE_HEALTH_TIMEOUT", b.healthTimeout);
    b.hookTimeout = envDuration("REFIT_UPDATE_HOOK_TIMEOUT", b.hookTimeout);
    String cleanup = environment.get("REFIT_UPDATE_CLEANUP");
    if (cleanup != null && !cleanup.isBlank()) {
      b.cleanup = parseBool("REFIT_UPDATE_CLEANUP", cleanup);
    }
    String allServices = environment.get("REFIT_SWARM_ALL_SERVICES");
    if (allServices != null && !allServices.isBlank()) {
      b.allServices = parseBool("REFIT_SWARM_ALL_SERVICES", allServices);
    }
    String swarmSafe = environment.get("REFIT_SWARM_SAFE");
    if (swarmSafe != null && !swarmSafe.isBlank()) {
      b.swarmSafe = parseBool("REFIT_SWARM_SAFE", swarmSafe);
    }
    b.swarmTimeout = envDuration("REFIT_SWARM_UPDATE_TIMEOUT", b.swarmTimeout);
    String insecure = environment.get("REFIT_INSECURE_REGISTRIES");
    if (insecure != null && !insecure.isBlank()) {
      Arrays.stream(insecure.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(b.insecure::add);
    }
    for (String key : new TreeSet<>(environment.keySet())) {
      Matcher m = REGISTRY_ENV.matcher(key);
      if (!m.matches()) {
        continue;
      }
      String name = m.group(1).toLowerCase(Locale.ROOT);
      String value = environment.get(key);
      RegistryAccount a =
          b.accounts.getOrDefault(name, new RegistryAccount(name, null, null, null, false));
      b.accountSources.putIfAbsent(name, "environment");
      a =
          switch (m.group(2)) {
            case "HOST" -> new RegistryAccount(name, value.trim(), a.username(), a.password(), a.insecure());
            case "USERNAME" -> new RegistryAccount(name, a.host(), value, a.password(), a.insecure());
            case "PASSWORD" -> new RegistryAccount(name, a.host(), a.username(), value, a.insecure());
            case "PASSWORD_FILE" ->
                new RegistryAccount(
                    name, a.host(), a.username(), readSecretFile(key, value.trim()), a.insecure());
            default -> new RegistryAccount(name, a.host(), a.username(), a.password(), parseBool(key, value));
          };
      b.accounts.put(name, a);
    }
  }

  private Duration envDuration(String name, Duration fallback) {
    String value = environment.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    return Durations.parse(value)
        .orElseThrow(
            () ->
                new ConfigException(
                    name + "='" + value + "' is not a duration; use e.g. 500ms, 30s, 5m, 2h"));
  }

  private static String readSecretFile(String where, String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new ConfigException(where + ": cannot read the password file " + file);
    }
  }

  /** Reads a default policy for version tags: {@code semver:minor} or just {@code minor}. */
  public static SemverLevel parseVersionTagLevel(String where, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.startsWith("semver:")) {
      v = v.substring("semver:".length());
    }
    Optional<SemverLevel> level = SemverLevel.fromLabel(v);
    if (level.isPresent()) {
      return level.get();
    }
    throw new ConfigException(
        where + "='" + value + "' is not a default policy; allowed: semver:patch, semver:minor,"
            + " semver:major, semver:all");
  }

  static boolean parseBool(String where, String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new ConfigException(where + "='" + value + "' must be true or false");
    };
  }

  /** A mapping in the YAML file, with the path to it for messages. */
  private static final class Section {
    private final String where;
    private final String path;
    private final JsonNode node;

    Section(String where, String path, JsonNode node) {
      this.where = where;
      this.path = path;
      this.node = node;
      if (!node.isMissingNode() && !node.isNull() && !node.isObject()) {
        throw new ConfigException(where + ": " + (path.isEmpty() ? "the file" : path) + " must be a mapping");
      }
    }

    String describe(String key) {
      return where + ": " + (path.isEmpty() ? key : path + "." + key);
    }

    void allow(String... keys) {
      Set<String> allowed = Set.of(keys);
      for (String key : keys()) {
        if (!allowed.contains(key)) {
          throw new ConfigException(
              describe(key) + " is not a known key; allowed here: " + String.join(", ", keys));
        }
      }
    }

    List<String> keys() {
      List<String> keys = new ArrayList<>();
      Iterator<String> names = node.fieldNames();
      names.forEachRemaining(keys::add);
      return keys;
    }

    Section section(String key) {
      JsonNode child = node.path(key);
      return new Section(where, path.isEmpty() ? key : path + "." + key, child.isNull() ? MissingNode.getInstance() : child);
    }

    private JsonNode scalar(String key) {
      JsonNode value = node.path(key);
      if (value.isContainerNode()) {
        throw new ConfigException(describe(key) + " must be a single value");
      }
      return value;
    }

    String string(String key, String fallback) {
      JsonNode value = scalar(key);
      return value.isMissingNode() || value.isNull() ? fallback : value.asText();
    }

    boolean bool(String key, boolean fallback) {
      String text = string(key, null);
      return text == null ? fallback : parseBool(describe(key), text);
    }

    int positiveInt(String key, int fallback) {
      String text = string(key, null);
      if (text == null) {
        return fallback;
      }
      try {
        int n = Integer.parseInt(text.trim());
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw new ConfigException(describe(key) + "='" + text + "' must be a whole number above 0");
    }

    Duration duration(String key, Duration fallback) {
      String text = string(key, null);
      if (text == null) {
        return fallback;
      }
      return Durations.parse(text)
          .orElseThrow(
              () ->
                  new ConfigException(
                      describe(key) + "='" + text + "' is not a duration; use e.g. 500ms, 30s, 5m, 2h"));
    }

    List<String> strings(String key) {
      JsonNode value = node.path(key);
      if (value.isMissingNode() || value.isNull()) {
        return List.of();
      }
      if (!value.isArray()) {
        throw new ConfigException(describe(key) + " must be a list");
      }
      List<String> out = new ArrayList<>();
      value.forEach(v -> out.add(v.asText()));
      return out;
    }
  }
}
