package dev.refit.store;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An update waiting for (or given) a human's go-ahead.
 *
 * @param decidedAt when it was approved or rejected, or {@code null}
 * @param decidedBy who: {@code cli}, {@code api:<user>}, or {@code null}
 */
public record Approval(
    long id,
    UpdateKey update,
    String fromImage,
    ApprovalStatus status,
    Instant requestedAt,
    @Nullable Instant decidedAt,
    @Nullable String decidedBy) {}
