package dev.refit.notify;

import org.jspecify.annotations.Nullable;
/**
 * How one notifier fared with one notification.
 *
 * @param error the one-line reason when it failed, else {@code null}
 */
public record Delivery(String notifier, EventType event, boolean delivered, @Nullable String error) {}
