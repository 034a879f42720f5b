package dev.refit.server.ui;

import dev.refit.check.AvailableUpdate;
import dev.refit.check.CheckResult;
import dev.refit.check.CheckStatus;
import dev.refit.check.UpdateKind;
import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.image.InvalidReferenceException;
import dev.refit.pipeline.TargetReport;
import dev.refit.plan.GateDecision;
import dev.refit.rollout.RolloutOutcome;
import dev.refit.store.HistoryEntry;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One row of an environment's target table, as text: the same fields {@code /api/targets} answers.
 *
 * @param status {@code up to date}, {@code update available}, {@code error} or {@code skipped}
 * @param state a CSS class for the status: {@code ok}, {@code update}, {@code error}, {@code skip}
 * @param verdict the plan's verdict in words, or empty when nothing is available
 * @param approvalId the pending approval to approve or reject, or {@code null}
 * @param outcome how the last attempt ended ({@code applied}, {@code rolled back}, ...), or empty
 * @param source the image's source or release-notes address, from its labels, or {@code null}
 */
public record TargetRow(
    String name,
    String kind,
    String image,
    String current,
    String available,
    String policy,
    String mode,
    String status,
    String state,
    String verdict,
    String reason,
    String retryAt,
    @Nullable Long approvalId,
    String outcome,
    String outcomeMessage,
    @Nullable String source,
    boolean canApply) {

  /**
   * @param last the newest history entry of this target, or {@code null}: the report of a later
   *     check no longer carries the outcome of an earlier apply
   */
  static TargetRow of(TargetReport t, @Nullable HistoryEntry last) {
    CheckResult r = t.check();
    AvailableUpdate u = r.update();
    String available = "";
    if (u != null) {
      available =
          u.kind() == UpdateKind.DIGEST
              ? Texts.tagAndDigest(u.image().tag(), u.digest())
              : nonNull(u.image().tag());
    }
    GateDecision d = t.decision();
    // the check saw the old image; once this very cycle applied the update, the row shows where
    // the target is now, not what it was before (a page refreshed by this cycle's event would
    // otherwise say "update available" until the next cycle)
    boolean applied = t.outcome() != null && t.outcome().outcome() == RolloutOutcome.APPLIED;
    CheckStatus status = applied ? CheckStatus.UP_TO_DATE : r.status();
    String current = Texts.tagAndDigest(r.image() == null ? null : r.image().tag(), r.currentDigest());
    if (applied) {
      current = Texts.tagAndDigest(tagOf(t.outcome().toImage()), digestOf(t.outcome().toDigest()));
      available = "";
    }
    String outcome = "";
    String outcomeMessage = "";
    if (t.outcome() != null) {
      outcome = words(t.outcome().outcome().name());
      outcomeMessage = nonNull(t.outcome().message());
    } else if (last != null) {
      outcome = words(last.outcome().name());
      outcomeMessage = nonNull(last.message());
    }
    String reason = nonNull(r.reason());
    if (d != null && d.reason() != null) {
      reason = d.reason();
    } else if (t.plan() != null && t.plan().reason() != null) {
      reason = t.plan().reason();
    }
    return new TargetRow(
        r.target().name(),
        r.target().kind().label(),
        r.target().image(),
        current,
        available,
        nonNull(r.policy()),
        d == null ? "" : d.mode().label(),
        status.text(),
        state(status),
        d == null ? "" : words(d.verdict().name()),
        reason,
        d == null ? "" : Texts.time(d.retryAt()),
        d == null ? null : d.approvalId(),
        outcome,
        outcomeMessage,
        r.target().source(),
        u != null && !applied);
  }

  private static @Nullable Digest digestOf(@Nullable String digest) {
    try {
      return digest == null ? null : Digest.parse(digest);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static @Nullable String tagOf(@Nullable String image) {
    if (image == null) {
      return null;
    }
    try {
      return ImageReference.parse(image).tag();
    } catch (InvalidReferenceException e) {
      return image;
    }
  }

  /** The name as one segment of a URL path. */
  public String pathName() {
    return Texts.pathSegment(name);
  }

  private static String state(CheckStatus status) {
    return switch (status) {
      case UP_TO_DATE -> "ok";
      case UPDATE_AVAILABLE -> "update";
      case ERROR -> "error";
      case SKIPPED -> "skip";
    };
  }

  /** {@code AWAIT_APPROVAL} → {@code await approval}. */
  static String words(String constant) {
    return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String nonNull(@Nullable String s) {
    return s == null ? "" : s;
  }
}
