/**
 * The pipeline as one call: recover, inventory, check, plan, roll out, record. Every trigger (the
 * CLI now; schedules, webhooks and the API later) runs the same {@link
 * dev.refit.pipeline.UpdateCycle}.
 */
package dev.refit.pipeline;
