package dev.refit.plan;

import dev.refit.check.AvailableUpdate;
import dev.refit.check.CheckResult;
import dev.refit.image.Digest;
import dev.refit.plan.GateSettings;
import dev.refit.settings.Durations;
import dev.refit.store.Approval;
import dev.refit.store.ApprovalStatus;
import dev.refit.store.Approvals;
import dev.refit.store.Sightings;
import dev.refit.store.UpdateKey;
import dev.refit.target.RefitLabels;
import dev.refit.target.Target;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides what may happen to an available update now: the target's mode ({@code refit.mode}, else
 * {@code apply} for targets that opted in with {@code refit.enable=true}, else {@code
 * update.mode}), its approval, its minimum age ({@code refit.min-age}, else {@code update.minAge},
 * counted from when Refit first saw the update), the maintenance windows, and whether the image
 * did not stick on the target before ({@link ImagesThatDidNotStick}).
 */
public final class UpdateGates {
  private final GateSettings settings;
  private final ZoneId zone;
  private final Sightings sightings;
  private final Approvals approvals;
  private final ImagesThatDidNotStick didNotStick;

  public UpdateGates(
      GateSettings settings,
      ZoneId zone,
      Sightings sightings,
      Approvals approvals,
      ImagesThatDidNotStick didNotStick) {
    this.settings = settings;
    this.zone = zone;
    this.sightings = sightings;
    this.approvals = approvals;
    this.didNotStick = didNotStick;
  }

  /** The key under which approvals and sightings of this result's update are kept. */
  public static UpdateKey key(CheckResult r) {
    Target t = r.target();
    AvailableUpdate update = Objects.requireNonNull(r.update(), "a result without an update");
    Digest digest = update.digest();
    return new UpdateKey(
        t.kind().label(),
        t.name(),
        t.location(),
        update.image().toString(),
        digest == null ? "" : digest.toString());
  }

  /**
   * @param result a result with an available update
   * @param forced a person asked for this update to be applied now ({@code refit update}, an API
   *     apply): mode, age, window and approval give way
   */
  public GateDecision decide(CheckResult result, Instant now, boolean forced) {
    Target target = result.target();
    UpdateKey key = key(result);
    Sightings.Sighting seen = sightings.see(key, now);
    UpdateMode mode = mode(target);
    if (forced) {
      // an approval still open for this update is settled by the person applying it
      Long open = approvals.findOpen(key).map(Approval::id).orElse(null);
      return decision(mode, GateVerdict.APPLY, null, null, open, seen);
    }
    if (mode == UpdateMode.NOTIFY) {
      return decision(mode, GateVerdict.REPORT, null, null, null, seen);
    }
    // before approval: nobody should be asked to approve an image known not to work here
    Optional<String> held = didNotStick.reason(result);
    if (held.isPresent()) {
      return decision(mode, GateVerdict.WAIT, held.get(), null, null, seen);
    }
    Long approvalId = null;
    if (mode == UpdateMode.APPROVAL) {
      Approval approval =
          approvals.request(key, result.image() == null ? target.image() : result.image().toString());
      approvalId = approval.id();
      if (approval.status() == ApprovalStatus.PENDING) {
        return decision(
            mode, GateVerdict.AWAIT_APPROVAL, "waits for approval " + approval.id() + " (refit approve "
                + approval.id() + ")", null, approvalId, seen);
      }
    }
    Duration minAge = minAge(target);
    Instant oldEnough = seen.firstSeen().plus(minAge);
    if (now.isBefore(oldEnough)) {
      return decision(
          mode,
          GateVerdict.WAIT,
          "seen " + Durations.format(Duration.between(seen.firstSeen(), now).withNanos(0))
              + " ago; minimum age is " + Durations.format(minAge),
          oldEnough,
          approvalId,
          seen);
    }
    if (!settings.windows().isEmpty()) {
      ZonedDateTime at = now.atZone(zone);
      boolean open = settings.windows().stream().anyMatch(w -> w.contains(at));
      if (!open) {
        Optional<Instant> next =
            settings.windows().stream()
                .map(w -> w.nextOpen(at))
                .flatMap(Optional::stream)
                .map(ZonedDateTime::toInstant)
                .min(Comparator.naturalOrder());
        return decision(
            mode,
            GateVerdict.WAIT,
            "outside the maintenance windows" + next.map(n -> "; next opens " + n).orElse(""),
            next.orElse(null),
            approvalId,
            seen);
      }
    }
    return decision(mode, GateVerdict.APPLY, null, null, approvalId, seen);
  }

  /**
   * The target's mode; a bad {@code refit.mode} label falls back to notify, the safe side, and so
   * does {@code refit.monitor-only=true}.
   */
  public UpdateMode mode(Target target) {
    if (target.rules().monitorOnly()) {
      return UpdateMode.NOTIFY;
    }
    String label = target.rules().mode();
    if (label != null) {
      return UpdateMode.fromLabel(label).orElse(UpdateMode.NOTIFY);
    }
    return target.rules().optedIn() ? UpdateMode.APPLY : settings.mode();
  }

  /** A problem with the target's rollout labels, to report against it, or {@code null}. */
  public static @Nullable String labelProblem(Target target) {
    String mode = target.rules().mode();
    if (mode != null && UpdateMode.fromLabel(mode).isEmpty()) {
      return "label " + RefitLabels.MODE + "='" + mode + "' is not a mode; allowed: " + UpdateMode.allowed()
          + " (treated as notify)";
    }
    String minAge = target.rules().minAge();
    if (minAge != null && Durations.parse(minAge).isEmpty()) {
      return "label " + RefitLabels.MIN_AGE + "='" + minAge + "' is not a duration; use e.g. 12h, 2d"
          + " (the configured minimum age applies)";
    }
    return null;
  }

  private Duration minAge(Target target) {
    String label = target.rules().minAge();
    if (label != null) {
      return Durations.parse(label).orElse(settings.minAge());
    }
    return settings.minAge();
  }

  private static GateDecision decision(
      UpdateMode mode,
      GateVerdict verdict,
      @Nullable String reason,
      @Nullable Instant retryAt,
      @Nullable Long approvalId,
      Sightings.Sighting seen) {
    return new GateDecision(mode, verdict, reason, retryAt, approvalId, seen.firstSeen(), seen.first());
  }
}
