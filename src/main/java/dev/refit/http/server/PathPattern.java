package dev.refit.http.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A route's path: literal segments and {@code {name}} segments that match any one non-empty
 * segment. A trailing slash is ignored on both sides, as Javalin did.
 */
record PathPattern(String text, List<String> segments) {
  static PathPattern of(String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("a route path starts with '/': " + path);
    }
    return new PathPattern(path, split(path));
  }

  /** The parameters when {@code path} (as sent, percent-encoded) matches, else {@code null}. */
  @Nullable Map<String, String> match(List<String> path) {
    if (path.size() != segments.size()) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      String want = segments.get(i);
      String got = path.get(i);
      if (want.startsWith("{") && want.endsWith("}")) {
        if (got.isEmpty()) {
          return null;
        }
        params.put(want.substring(1, want.length() - 1), Context.decodeSegment(got));
      } else if (!want.equals(got)) {
        return null;
      }
    }
    return params;
  }

  static List<String> split(String path) {
    String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return trimmed.equals("/") ? List.of() : List.of(trimmed.substring(1).split("/", -1));
  }
}
