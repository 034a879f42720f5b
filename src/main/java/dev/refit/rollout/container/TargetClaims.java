package dev.refit.rollout.container;

import dev.refit.target.RefitLabels;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Claims a container for one Refit before it is touched, on the engine itself: a claim container
 * named {@code <name>-refit-claim} (see {@link ClaimEngine}). The engine lets one create win, so
 * two Refits with different state directories, or on different hosts, never both update or both
 * repair the same container. The claim carries its owner ({@link ClaimOwner}) and a lease; a claim
 * is stale, and may be taken over, when its owner ran on this machine and is gone, or when its lease
 * has run out.
 */
final class TargetClaims {
  static final String SUFFIX = "-refit-claim";
  static final String OWNER = RefitLabels.CLAIM + ".owner";
  static final String PID = RefitLabels.CLAIM + ".pid";
  static final String PROCESS_START = RefitLabels.CLAIM + ".process-start";
  static final String UNTIL = RefitLabels.CLAIM + ".until";
  static final String TOKEN = RefitLabels.CLAIM + ".token";
  private static final int ATTEMPTS = 3;

  private final ClaimEngine engine;
  private final ClaimOwner me;
  private final Predicate<ClaimOwner> gone;
  private final Clock clock;
  private final Duration lease;

  /**
   * @param gone whether a claim's owner is known to have ended ({@link ClaimOwner#knownGone})
   * @param lease how long a claim holds when its owner cannot be seen: longer than any update
   */
  TargetClaims(
      ClaimEngine engine, ClaimOwner me, Predicate<ClaimOwner> gone, Clock clock, Duration lease) {
    this.engine = engine;
    this.me = me;
    this.gone = gone;
    this.clock = clock;
    this.lease = lease;
  }

  /** A claim this Refit holds. */
  record Claim(String target, String token) {}

  /** Someone else's live claim: who, and since when. */
  record Busy(String target, ClaimOwner owner, Instant since) {
    /** {@code being updated by another Refit (pid 12 on build-01, since 2026-...Z)} */
    String describe() {
      return "being updated by another Refit ("
          + (owner == null ? "owner unknown" : owner.describe())
          + ", since "
          + ClaimOwner.seconds(since)
          + ")";
    }
  }

  /** What {@link #claim} got: the claim, or who holds it. */
  sealed interface Attempt permits Claimed, Taken {}

  record Claimed(Claim claim) implements Attempt {}

  record Taken(Busy busy) implements Attempt {}

  /**
   * Claims {@code target}, taking over a stale claim.
   *
   * @param image an image the engine has (the target's own), to create the claim container from
   */
  Attempt claim(String target, String image) {
    String name = target + SUFFIX;
    String token = UUID.randomUUID().toString();
    for (int attempt = 1; ; attempt++) {
      if (engine.create(name, image, labels(target, token))) {
        return new Claimed(new Claim(target, token));
      }
      Optional<ClaimEngine.Holder> holder = engine.find(name);
      if (holder.isEmpty()) {
        continue; // released between our create and our look: try again
      }
      Optional<Busy> live = live(target, holder.get());
      if (live.isPresent() || attempt >= ATTEMPTS) {
        return new Taken(live.orElseGet(() -> busy(target, holder.get())));
      }
      // stale: its owner is gone. Removing it by id never removes a newer claim of someone else.
      engine.remove(holder.get().id());
    }
  }

  /** Gives the claim up; a claim that is no longer ours (taken over after its lease) stays. */
  void release(Claim claim) {
    engine
        .find(claim.target() + SUFFIX)
        .filter(h -> claim.token().equals(h.labels().get(TOKEN)))
        .ifPresent(h -> engine.remove(h.id()));
  }

  /**
   * Removes the claims whose owners are gone (killed before they could release them).
   *
   * @return the targets whose stale claims were removed
   */
  java.util.List<String> removeStale() {
    java.util.List<String> removed = new java.util.ArrayList<>();
    for (ClaimEngine.Holder h : engine.claims()) {
      String target = h.labels().getOrDefault(RefitLabels.CLAIM, "?");
      if (live(target, h).isEmpty()) {
        engine.remove(h.id());
        removed.add(target);
      }
    }
    return removed;
  }

  /** Someone else's live claim on {@code target}, if there is one. */
  Optional<Busy> heldByOther(String target) {
    return engine.find(target + SUFFIX).flatMap(h -> live(target, h));
  }

  private Optional<Busy> live(String target, ClaimEngine.Holder holder) {
    Busy busy = busy(target, holder);
    if (busy.owner() != null && gone.test(busy.owner())) {
      return Optional.empty();
    }
    Instant until = parse(holder.labels().get(UNTIL)).orElse(holder.created().plus(lease));
    return clock.instant().isAfter(until) ? Optional.empty() : Optional.of(busy);
  }

  private static Busy busy(String target, ClaimEngine.Holder holder) {
    Map<String, String> l = holder.labels();
    ClaimOwner owner = null;
    try {
      if (l.containsKey(OWNER) && l.containsKey(PID)) {
        owner =
            new ClaimOwner(
                l.get(OWNER),
                Long.parseLong(l.get(PID)),
                parse(l.get(PROCESS_START)).orElse(Instant.EPOCH));
      }
    } catch (NumberFormatException unreadable) {
      // someone else's container under our claim name: its lease decides
    }
    return new Busy(target, owner, holder.created());
  }

  private Map<String, String> labels(String target, String token) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(RefitLabels.CLAIM, target);
    labels.put(OWNER, me.machine());
    labels.put(PID, Long.toString(me.pid()));
    labels.put(PROCESS_START, me.processStart().toString());
    labels.put(UNTIL, ClaimOwner.seconds(clock.instant().plus(lease)).toString());
    labels.put(TOKEN, token);
    return labels;
  }

  private static Optional<Instant> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
