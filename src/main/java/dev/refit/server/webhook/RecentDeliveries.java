package dev.refit.server.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Delivery ids seen lately ({@code X-GitHub-Delivery}): GitHub redelivers a webhook when it
 * timed out or someone pressed "Redeliver", with the same id, and one push should cause one
 * re-check. Ids are kept for {@link #KEPT} and at most {@link #MAX} of them, oldest dropped first.
 */
final class RecentDeliveries {
  static final Duration KEPT = Duration.ofHours(1);
  static final int MAX = 10_000;

  private final Clock clock;
  private final Map<String, Instant> seen = new LinkedHashMap<>();

  RecentDeliveries(Clock clock) {
    this.clock = clock;
  }

  /** Records {@code id}; false when it was already seen within {@link #KEPT}. */
  synchronized boolean first(String id) {
    Instant now = clock.instant();
    for (Iterator<Instant> it = seen.values().iterator(); it.hasNext(); ) {
      Instant at = it.next();
      if (at.plus(KEPT).isAfter(now) && seen.size() <= MAX) {
        break; // insertion order is time order: the rest are newer
      }
      it.remove();
    }
    if (seen.containsKey(id)) {
      return false;
    }
    seen.put(id, now);
    return true;
  }
}
