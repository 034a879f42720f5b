package dev.refit.notify;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One event about one target's update, as every notifier receives it. Holds no secrets: container
 * environment and credentials never get here.
 *
 * @param type what happened
 * @param targetKind e.g. {@code container}
 * @param targetName e.g. {@code web}
 * @param host the Docker host or environment
 * @param currentImage the reference it runs, e.g. {@code ghcr.io/org/app:1.2.0}
 * @param currentDigest the digest it runs, or {@code null}
 * @param availableImage the reference it moves (or moved) to
 * @param availableDigest the new digest, or {@code null}
 * @param mode {@code notify}, {@code apply} or {@code approval}
 * @param message why it failed or was rolled back, what waits for what; or {@code null}
 * @param time when it happened
 * @param hostname the machine Refit runs on
 */
public record Notification(
    EventType type,
    String targetKind,
    String targetName,
    String host,
    String currentImage,
    @Nullable String currentDigest,
    @Nullable String availableImage,
    @Nullable String availableDigest,
    @Nullable String mode,
    @Nullable String message,
    Instant time,
    String hostname) {

  public String title() {
    return switch (type) {
      case UPDATE_AVAILABLE -> "Update available";
      case APPLIED -> "Update applied";
      case FAILED -> "Update failed";
      case ROLLED_BACK -> "Update rolled back";
    };
  }

  /** Every {@link MessageTemplate#PLACEHOLDERS placeholder}'s value; absent ones are empty. */
  public Map<String, String> fields() {
    Map<String, @Nullable String> f = new LinkedHashMap<>();
    f.put("event", type.label());
    f.put("title", title());
    f.put("target", targetName);
    f.put("kind", targetKind);
    f.put("host", host);
    f.put("image", currentImage);
    f.put("current", currentImage);
    f.put("currentTag", tagOf(currentImage));
    f.put("currentDigest", currentDigest);
    f.put("available", availableImage);
    f.put("availableTag", tagOf(availableImage));
    f.put("availableDigest", availableDigest);
    f.put("mode", mode);
    f.put("message", message == null ? "" : " (" + message + ")");
    f.put("time", time.toString());
    f.put("hostname", hostname);
    Map<String, String> filled = new LinkedHashMap<>();
    f.forEach((k, v) -> filled.put(k, v == null ? "" : v));
    return filled;
  }

  /** The tag of a reference, also with a registry port in it: the part after the last ':' of the last path segment. */
  static @Nullable String tagOf(@Nullable String reference) {
    if (reference == null) {
      return null;
    }
    String withoutDigest = reference.contains("@") ? reference.substring(0, reference.indexOf('@')) : reference;
    int slash = withoutDigest.lastIndexOf('/');
    int colon = withoutDigest.lastIndexOf(':');
    return colon > slash ? withoutDigest.substring(colon + 1) : null;
  }
}
