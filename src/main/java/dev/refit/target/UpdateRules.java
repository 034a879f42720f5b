package dev.refit.target;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How the user wants one target treated, as read from its labels, still as text: the check step
 * parses the policy and filters and reports a bad value against the target that carries it.
 *
 * @param enabled whether Refit should look at the target at all
 * @param policy the {@code refit.policy} value, or {@code null} for the default
 * @param include the {@code refit.include} value, or {@code null}
 * @param exclude the {@code refit.exclude} value, or {@code null}
 * @param problem a label value that cannot be understood, or {@code null}
 * @param monitorOnly whether updates are only reported, never applied ({@code refit.monitor-only})
 * @param optedIn whether the target carries {@code refit.enable=true} itself (such targets default
 *     to mode {@code apply})
 * @param mode the {@code refit.mode} value, or {@code null} for the default
 * @param minAge the {@code refit.min-age} value, or {@code null} for the default
 * @param deployHook whether CI's deploy hook may set the exact tag it runs ({@code
 *     refit.deploy-hook=true}); without it the tag a webhook names is never trusted
 */
public record UpdateRules(
    boolean enabled,
    @Nullable String policy,
    @Nullable String include,
    @Nullable String exclude,
    @Nullable String problem,
    boolean monitorOnly,
    boolean optedIn,
    @Nullable String mode,
    @Nullable String minAge,
    boolean deployHook) {

  /** Rules without the deploy hook's opt-in. */
  public UpdateRules(
      boolean enabled,
      @Nullable String policy,
      @Nullable String include,
      @Nullable String exclude,
      @Nullable String problem,
      boolean monitorOnly,
      boolean optedIn,
      @Nullable String mode,
      @Nullable String minAge) {
    this(enabled, policy, include, exclude, problem, monitorOnly, optedIn, mode, minAge, false);
  }

  /** Rules that do not say monitor-only, nor mode or minimum age. */
  public UpdateRules(
      boolean enabled,
      @Nullable String policy,
      @Nullable String include,
      @Nullable String exclude,
      @Nullable String problem) {
    this(enabled, policy, include, exclude, problem, false);
  }

  /** Rules without the daemon's labels (opt-in default mode, mode, minimum age). */
  public UpdateRules(
      boolean enabled,
      @Nullable String policy,
      @Nullable String include,
      @Nullable String exclude,
      @Nullable String problem,
      boolean monitorOnly) {
    this(enabled, policy, include, exclude, problem, monitorOnly, false, null, null);
  }

  /**
   * Reads the {@code refit.*} labels.
   *
   * @param optInOnly whether targets without {@code refit.enable=true} are left alone
   */
  public static UpdateRules fromLabels(Map<String, String> labels, boolean optInOnly) {
    String enable = trimmed(labels.get(RefitLabels.ENABLE));
    String problem = null;
    boolean enabled = !optInOnly;
    boolean optedIn = false;
    if (enable != null) {
      switch (enable.toLowerCase(Locale.ROOT)) {
        case "true", "yes", "1", "on" -> {
          enabled = true;
          optedIn = true;
        }
        case "false", "no", "0", "off" -> enabled = false;
        default ->
            problem =
                "label " + RefitLabels.ENABLE + "='" + enable + "' must be true or false";
      }
    }
    Boolean monitor = flag(labels, RefitLabels.MONITOR_ONLY);
    if (monitor == null && problem == null) {
      problem = flagProblem(labels, RefitLabels.MONITOR_ONLY);
    }
    Boolean deploy = flag(labels, RefitLabels.DEPLOY_HOOK);
    if (deploy == null && problem == null) {
      problem = flagProblem(labels, RefitLabels.DEPLOY_HOOK);
    }
    return new UpdateRules(
        enabled,
        trimmed(labels.get(RefitLabels.POLICY)),
        trimmed(labels.get(RefitLabels.INCLUDE)),
        trimmed(labels.get(RefitLabels.EXCLUDE)),
        problem,
        Boolean.TRUE.equals(monitor),
        optedIn,
        trimmed(labels.get(RefitLabels.MODE)),
        trimmed(labels.get(RefitLabels.MIN_AGE)),
        Boolean.TRUE.equals(deploy));
  }

  /** A true/false label: its value, false when absent, {@code null} when it is neither. */
  private static @Nullable Boolean flag(Map<String, String> labels, String label) {
    String value = trimmed(labels.get(label));
    if (value == null) {
      return false;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> null;
    };
  }

  private static @Nullable String flagProblem(Map<String, String> labels, String label) {
    return "label " + label + "='" + trimmed(labels.get(label)) + "' must be true or false";
  }

  private static @Nullable String trimmed(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
