/**
 * The pipeline as one call: recover, inventory, check, plan, roll out, record. Every trigger runs
 * the same {@link dev.refit.pipeline.UpdateCycle}: {@code refit update} directly, the daemon
 * (schedule, Docker events, webhooks, API, approvals) through {@link
 * dev.refit.pipeline.UpdatePipeline}, which scopes each cycle to a {@link
 * dev.refit.pipeline.CycleRequest}, adds the gates and sends the notifications.
 */
package dev.refit.pipeline;
