package dev.refit.plan;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What Refit does with an update it found for a target. */
public enum UpdateMode {
  /** Only report it (notifications, API, metrics). */
  NOTIFY,
  /** Apply it, once it is old enough and a maintenance window is open. */
  APPLY,
  /** Apply it only after someone approves it ({@code refit approve <id>} or the API). */
  APPROVAL;

  /** The lowercase word used in labels, configuration and JSON. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<UpdateMode> fromLabel(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(m -> m.label().equals(t)).findFirst();
  }

  public static String allowed() {
    return "notify, apply, approval";
  }
}
