package dev.refit.http.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An answer's headers: names in lower case, every value of a repeated header kept in order (a
 * registry may send several {@code Link} or {@code Www-Authenticate} headers).
 */
public final class Headers {
  private final Map<String, List<String>> values;

  private Headers(Map<String, List<String>> values) {
    this.values = values;
  }

  /** From names in any case; for tests and fakes. */
  public static Headers of(Map<String, List<String>> values) {
    Map<String, List<String>> lower = new LinkedHashMap<>();
    values.forEach(
        (name, list) ->
            lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(list));
    return new Headers(freeze(lower));
  }

  static Headers parsed(Map<String, List<String>> lowerCaseNames) {
    return new Headers(freeze(lowerCaseNames));
  }

  private static Map<String, List<String>> freeze(Map<String, List<String>> values) {
    Map<String, List<String>> frozen = new LinkedHashMap<>();
    values.forEach((name, list) -> frozen.put(name, List.copyOf(list)));
    return Collections.unmodifiableMap(frozen);
  }

  /** The first value of the header, of any case. */
  public Optional<String> first(String name) {
    List<String> list = values.get(name.toLowerCase(Locale.ROOT));
    return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
  }

  /**
   * The first value of the header as a number (the first of a list), as {@code
   * java.net.http.HttpHeaders#firstValueAsLong} did.
   *
   * @throws NumberFormatException when it is not one
   */
  public OptionalLong firstAsLong(String name) {
    Optional<String> value = first(name);
    return value.isEmpty()
        ? OptionalLong.empty()
        : OptionalLong.of(Long.parseLong(value.get().split(",", 2)[0].strip()));
  }

  /** Every value of the header, in the order received. */
  public List<String> all(String name) {
    return values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /** One value per name, repeated ones joined with {@code ", "} (RFC 9110's list form). */
  public Map<String, String> joined() {
    Map<String, String> joined = new LinkedHashMap<>();
    values.forEach((name, list) -> joined.put(name, String.join(", ", list)));
    return Collections.unmodifiableMap(joined);
  }

  @Override
  public String toString() {
    // Names only: values may carry credentials or cookies.
    return "Headers" + values.keySet();
  }
}
