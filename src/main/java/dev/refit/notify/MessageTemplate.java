package dev.refit.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A notifier's message text with {@code {{placeholder}}}s filled from the event. Deliberately not a
 * template language: a typo in a placeholder is caught when the configuration is read, not when the
 * first update arrives at night.
 */
public final class MessageTemplate {
  /** Every placeholder a template may use; {@link Notification#fields()} fills each of them. */
  public static final List<String> PLACEHOLDERS =
      List.of(
          "event", "title", "target", "kind", "host", "image", "current", "currentTag",
          "currentDigest", "available", "availableTag", "availableDigest", "mode", "message",
          "time", "hostname");

  /** Used when a notifier has no template of its own. */
  public static final String DEFAULT_TEXT = "{{title}}: {{target}} {{current}} -> {{available}}{{message}}";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z]+)\\s*}}");

  private final String text;

  private MessageTemplate(String text) {
    this.text = text;
  }

  /**
   * @throws IllegalArgumentException naming the unknown placeholder and the known ones
   */
  public static MessageTemplate parse(String text) {
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      if (!PLACEHOLDERS.contains(m.group(1))) {
        throw new IllegalArgumentException(
            "uses the unknown placeholder {{" + m.group(1) + "}}; known: "
                + String.join(", ", PLACEHOLDERS));
      }
    }
    return new MessageTemplate(text);
  }

  public static MessageTemplate defaultTemplate() {
    return new MessageTemplate(DEFAULT_TEXT);
  }

  public String render(Map<String, String> fields) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = fields.getOrDefault(m.group(1), "");
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The placeholders used, for tests and docs. */
  List<String> used() {
    List<String> used = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      used.add(m.group(1));
    }
    return used;
  }

  @Override
  public String toString() {
    return text;
  }
}
