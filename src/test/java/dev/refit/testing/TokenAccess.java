package dev.refit.testing;

import java.util.Arrays;
import java.util.List;

/**
 * One entry of a registry token's {@code access} claim.
 *
 * @param type {@code repository} or {@code registry}
 * @param name repository name, e.g. {@code team/app}, or {@code catalog}
 * @param actions e.g. {@code pull}, {@code push}
 */
public record TokenAccess(String type, String name, List<String> actions) {

  public TokenAccess {
    actions = List.copyOf(actions);
  }

  /**
   * Parses a scope such as {@code repository:team/app:pull,push} (a type may carry a class, {@code
   * repository(plugin)}; names may contain {@code :} when they name a registry with a port).
   */
  public static TokenAccess parseScope(String scope) {
    int first = scope.indexOf(':');
    int last = scope.lastIndexOf(':');
    if (first < 0 || last == first) {
      throw new IllegalArgumentException("not a scope: " + scope);
    }
    String type = scope.substring(0, first);
    int paren = type.indexOf('(');
    if (paren > 0) {
      type = type.substring(0, paren);
    }
    List<String> actions =
        Arrays.stream(scope.substring(last + 1).split(",")).filter(a -> !a.isBlank()).toList();
    return new TokenAccess(type, scope.substring(first + 1, last), actions);
  }
}
