package dev.refit.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What happened to an update; notifiers can subscribe to some of these only. */
public enum EventType {
  UPDATE_AVAILABLE,
  APPLIED,
  FAILED,
  ROLLED_BACK;

  /** The word used in configuration, templates, JSON and the script's environment. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<EventType> fromLabel(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(values()).filter(e -> e.label().equals(t)).findFirst();
  }

  public static String allowed() {
    return "update_available, applied, failed, rolled_back";
  }
}
