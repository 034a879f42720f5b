package dev.refit.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;

/**
 * The layers of configuration merged into one tree, remembering which environment variable or flag
 * set each value: a bad value is reported under the name the user typed it as.
 */
final class ConfigTree {
  private final ObjectNode root;
  private final String file;
  private final Map<String, String> sources = new HashMap<>();
  /** Mappings the file itself defined, before the other layers were merged in. */
  private final Set<String> fileMappings = new HashSet<>();

  /**
   * @param fromFile the YAML file's tree (or an empty object)
   * @param file how to name the file in messages, e.g. {@code config /etc/refit.yaml}, or {@code null}
   */
  ConfigTree(ObjectNode fromFile, String file) {
    this.root = fromFile;
    this.file = file;
    if (file != null) {
      recordMappings("", fromFile);
    }
  }

  private void recordMappings(String path, JsonNode node) {
    node.fields()
        .forEachRemaining(
            e -> {
              String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
              if (e.getValue().isObject()) {
                fileMappings.add(child);
                recordMappings(child, e.getValue());
              }
            });
  }

  static ObjectNode emptyObject() {
    return JsonNodeFactory.instance.objectNode();
  }

  ObjectNode root() {
    return root;
  }

  /** Sets {@code path} (dot-separated) to {@code value}, replacing what a lower layer set. */
  void set(String path, JsonNode value, String source) {
    String[] parts = path.split("\\.");
    ObjectNode node = root;
    StringBuilder at = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      at.append(i == 0 ? "" : ".").append(parts[i]);
      JsonNode child = node.get(parts[i]);
      if (child == null || child.isNull()) {
        child = node.putObject(parts[i]);
      } else if (!child.isObject()) {
        throw new ConfigException(
            source + ": cannot set " + path + " because " + describe(at.toString()) + " is not a mapping");
      }
      node = (ObjectNode) child;
    }
    node.set(parts[parts.length - 1], value);
    sources.put(path, source);
  }

  /** How to name the value at {@code path} in a message: the variable or flag, else file and key. */
  String describe(String path) {
    String source = sources.get(path);
    if (source != null) {
      return source;
    }
    return (file == null ? "config" : file) + ": " + path;
  }

  /** How to name where the mapping at {@code path} came from in a message about it as a whole. */
  String where(String path) {
    String prefix = path + ".";
    for (Map.Entry<String, String> e : sources.entrySet()) {
      if (e.getKey().startsWith(prefix) || e.getKey().equals(path)) {
        if (!definedInFile(path)) {
          return e.getValue().startsWith("--") ? "command line" : "environment";
        }
      }
    }
    return file == null ? "config" : file;
  }

  private boolean definedInFile(String path) {
    return fileMappings.contains(path);
  }
}
