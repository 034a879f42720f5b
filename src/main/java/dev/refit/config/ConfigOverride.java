package dev.refit.config;

/**
 * A command-line flag that sets one configuration key, the top layer.
 *
 * @param key e.g. {@code schedule.cron}
 * @param value the flag's text
 * @param flag how the user wrote it, for messages, e.g. {@code --schedule}
 */
public record ConfigOverride(String key, String value, String flag) {
  /** Reads {@code --set key=value}. */
  public static ConfigOverride parseSet(String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException("--set '" + assignment + "' must look like key=value, e.g. schedule.cron=@daily");
    }
    String key = assignment.substring(0, eq).trim();
    return new ConfigOverride(key, assignment.substring(eq + 1), "--set " + key);
  }
}
