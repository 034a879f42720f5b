package dev.refit.fleet.protocol;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks the records run in their constructors. Jackson hands {@code null} for a missing field, so
 * these are what turn a frame without a required field into "missing field 'x'" (the codec adds
 * the message type and path).
 */
final class Fields {
  private Fields() {}

  static <T> T required(@Nullable T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException("missing field '" + name + "'");
    }
    return value;
  }

  static String text(@Nullable String value, String name) {
    String text = required(value, name);
    if (text.isBlank()) {
      throw new IllegalArgumentException("field '" + name + "' must not be blank");
    }
    return text;
  }

  static <T> List<T> list(@Nullable List<T> value, String name) {
    List<T> list = required(value, name);
    for (T item : list) {
      if (item == null) {
        throw new IllegalArgumentException("field '" + name + "' holds a null item");
      }
    }
    return List.copyOf(list);
  }
}
