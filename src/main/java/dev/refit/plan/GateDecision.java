package dev.refit.plan;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The gates' answer for one available update.
 *
 * @param mode the target's mode
 * @param verdict what may happen now
 * @param reason why it waits, in words for the API and logs; {@code null} when it does not
 * @param retryAt when waiting may be over (minimum age reached, a window opens), or {@code null}
 * @param approvalId the approval that covers it, or {@code null}
 * @param firstSeen when Refit first saw this update
 * @param newlySeen whether this cycle saw it for the first time (announce it)
 */
public record GateDecision(
    UpdateMode mode,
    GateVerdict verdict,
    @Nullable String reason,
    @Nullable Instant retryAt,
    @Nullable Long approvalId,
    Instant firstSeen,
    boolean newlySeen) {}
