package dev.refit.rollout;

/**
 * @param ready whether the new version may stay
 * @param reason why not, in a few words (e.g. {@code exited with code 3}), or {@code null}
 */
public record ReadinessVerdict(boolean ready, String reason) {
  public static ReadinessVerdict ok() {
    return new ReadinessVerdict(true, null);
  }

  public static ReadinessVerdict failed(String reason) {
    return new ReadinessVerdict(false, reason);
  }
}
