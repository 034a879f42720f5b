package dev.refit.http.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Header fields in the order they came, looked up without regard to case. */
final class Headers {
  private final List<String[]> fields = new ArrayList<>();

  void add(String name, String value) {
    fields.add(new String[] {name, value});
  }

  /** Replaces every field of that name with one. */
  void set(String name, String value) {
    remove(name);
    add(name, value);
  }

  void remove(String name) {
    fields.removeIf(f -> f[0].equalsIgnoreCase(name));
  }

  @Nullable String first(String name) {
    for (String[] f : fields) {
      if (f[0].equalsIgnoreCase(name)) {
        return f[1];
      }
    }
    return null;
  }

  /** Whether a comma-separated field holds {@code token} (as {@code Connection: keep-alive, Upgrade}). */
  boolean hasToken(String name, String token) {
    for (String[] f : fields) {
      if (f[0].equalsIgnoreCase(name)) {
        for (String part : f[1].split(",")) {
          if (part.trim().equalsIgnoreCase(token)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  int count(String name) {
    return (int) fields.stream().filter(f -> f[0].equalsIgnoreCase(name)).count();
  }

  /** Name to value; a repeated name keeps its values joined with ", " (RFC 9110 5.3). */
  Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (String[] f : fields) {
      String key = f[0].toLowerCase(Locale.ROOT);
      String name = seen.computeIfAbsent(key, k -> f[0]);
      map.merge(name, f[1], (a, b) -> a + ", " + b);
    }
    return map;
  }

  void writeTo(StringBuilder out) {
    for (String[] f : fields) {
      out.append(f[0]).append(": ").append(f[1]).append("\r\n");
    }
  }
}
