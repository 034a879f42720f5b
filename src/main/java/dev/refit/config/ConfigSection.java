package dev.refit.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.refit.settings.Durations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A mapping of the merged configuration, read as typed values. Every failure names the value's
 * source (file and key, environment variable or flag), the value and what is allowed; secret
 * values are never repeated in a message.
 */
final class ConfigSection {
  private final ConfigTree tree;
  private final String path;
  private final JsonNode node;

  ConfigSection(ConfigTree tree, String path, JsonNode node) {
    this.tree = tree;
    this.path = path;
    this.node = node;
    if (!node.isMissingNode() && !node.isNull() && !node.isObject()) {
      throw new ConfigException(
          tree.where(path) + ": " + (path.isEmpty() ? "the file" : path) + " must be a mapping");
    }
  }

  static ConfigSection root(ConfigTree tree) {
    return new ConfigSection(tree, "", tree.root());
  }

  String path() {
    return path;
  }

  String key(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  String describe(String key) {
    return tree.describe(key(key));
  }

  /** Where this mapping as a whole came from: the file, the environment or the command line. */
  String where() {
    return tree.where(path);
  }

  boolean has(String key) {
    JsonNode value = node.path(key);
    return !value.isMissingNode() && !value.isNull();
  }

  void allow(String... keys) {
    allow(List.of(keys));
  }

  void allow(List<String> keys) {
    Set<String> allowed = Set.copyOf(keys);
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

  ConfigSection section(String key) {
    JsonNode child = node.path(key);
    return new ConfigSection(tree, key(key), child.isNull() ? MissingNode.getInstance() : child);
  }

  private JsonNode scalar(String key) {
    JsonNode value = node.path(key);
    if (value.isContainerNode()) {
      throw new ConfigException(describe(key) + " must be a single value");
    }
    return value;
  }

  /**
   * Whether the value is a YAML boolean false: YAML 1.1 reads unquoted {@code off} and {@code no}
   * as false, so {@code cron: off} arrives as false, not as the word.
   */
  boolean isFalse(String key) {
    JsonNode value = scalar(key);
    return value.isBoolean() && !value.booleanValue();
  }

  String string(String key, String fallback) {
    JsonNode value = scalar(key);
    return value.isMissingNode() || value.isNull() ? fallback : value.asText();
  }

  /** A secret given directly or as {@code <key>File}, not both. */
  String secret(String key, String fileKey) {
    String value = blankToNull(string(key, null));
    String file = blankToNull(string(fileKey, null));
    if (value != null && file != null) {
      throw new ConfigException(
          where() + ": " + (path.isEmpty() ? "" : path + " ") + "has both " + key + " and "
              + fileKey + "; keep one");
    }
    if (file == null) {
      return value;
    }
    try {
      return Files.readString(Path.of(file.trim()), StandardCharsets.UTF_8).strip();
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(describe(fileKey) + ": cannot read the secret file " + file);
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  boolean bool(String key, boolean fallback) {
    String text = string(key, null);
    return text == null ? fallback : ConfigLoader.parseBool(describe(key), text);
  }

  int positiveInt(String key, int fallback) {
    return intInRange(key, fallback, 1, Integer.MAX_VALUE, "a whole number above 0");
  }

  int intInRange(String key, int fallback, int min, int max, String allowed) {
    String text = string(key, null);
    if (text == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new ConfigException(describe(key) + "='" + text + "' must be " + allowed);
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
                    describe(key) + "='" + text + "' is not a duration; use e.g. 500ms, 30s, 5m, 2h, 2d"));
  }

  /**
   * A value parsed by {@code parser}, whose {@link IllegalArgumentException} message says what is
   * wrong ("is not ...; allowed: ...").
   */
  <T> T parsed(String key, T fallback, Function<String, T> parser) {
    return parsed(key, fallback, parser, Function.identity());
  }

  /** As {@link #parsed(String, Object, Function)}, showing the value in a failure as {@code shown} makes it (to hide a password in it). */
  <T> T parsed(String key, T fallback, Function<String, T> parser, Function<String, String> shown) {
    String text = string(key, null);
    if (text == null) {
      return fallback;
    }
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(describe(key) + "='" + shown.apply(text) + "' " + e.getMessage());
    }
  }

  /** A list, written as a YAML sequence or as one comma-separated string. */
  List<String> strings(String key) {
    JsonNode value = node.path(key);
    if (value.isMissingNode() || value.isNull()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(
          v -> {
            if (v.isContainerNode()) {
              throw new ConfigException(describe(key) + " must be a list of single values");
            }
            out.add(v.asText());
          });
      return out;
    }
    if (value.isContainerNode()) {
      throw new ConfigException(describe(key) + " must be a list");
    }
    for (String part : value.asText().split(",")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return out;
  }

  /** A mapping of single values, e.g. HTTP headers. */
  Map<String, String> stringMap(String key) {
    JsonNode value = node.path(key);
    if (value.isMissingNode() || value.isNull()) {
      return Map.of();
    }
    if (!value.isObject()) {
      throw new ConfigException(describe(key) + " must be a mapping");
    }
    Map<String, String> out = new LinkedHashMap<>();
    value.fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isContainerNode()) {
                throw new ConfigException(describe(key + "." + e.getKey()) + " must be a single value");
              }
              out.put(e.getKey(), e.getValue().asText());
            });
    return out;
  }
}
