package dev.refit.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A parsed {@code WWW-Authenticate} header: how a registry wants to be authenticated.
 *
 * @param scheme {@code bearer} or {@code basic} (lowercase)
 * @param parameters the auth-params, names lowercased: {@code realm}, {@code service}, {@code scope}
 */
record AuthChallenge(String scheme, Map<String, String> parameters) {
  AuthChallenge {
    parameters = Map.copyOf(parameters);
  }

  boolean isBearer() {
    return scheme.equals("bearer");
  }

  boolean isBasic() {
    return scheme.equals("basic");
  }

  String realm() {
    return parameters.getOrDefault("realm", "");
  }

  Optional<String> service() {
    return Optional.ofNullable(parameters.get("service"));
  }

  /** Parses the header's first challenge; empty when there is none or it is not well formed. */
  static Optional<AuthChallenge> parse(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String text = header.trim();
    int space = text.indexOf(' ');
    String scheme = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
    if (!scheme.matches("[a-z0-9!#$%&'*+.^_`|~-]+")) {
      return Optional.empty();
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    int i = space < 0 ? text.length() : space + 1;
    while (i < text.length()) {
      while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == ',')) {
        i++;
      }
      int equals = text.indexOf('=', i);
      if (equals < 0) {
        break;
      }
      String name = text.substring(i, equals).trim().toLowerCase(Locale.ROOT);
      i = equals + 1;
      StringBuilder value = new StringBuilder();
      if (i < text.length() && text.charAt(i) == '"') {
        i++;
        while (i < text.length() && text.charAt(i) != '"') {
          if (text.charAt(i) == '\\' && i + 1 < text.length()) {
            i++;
          }
          value.append(text.charAt(i++));
        }
        i++;
      } else {
        while (i < text.length() && text.charAt(i) != ',') {
          value.append(text.charAt(i++));
        }
      }
      if (name.contains(" ")) {
        // a second challenge starts here ("..., Basic realm=x"): keep only the first one
        break;
      }
      parameters.put(name, value.toString().trim());
    }
    return Optional.of(new AuthChallenge(scheme, parameters));
  }
}
