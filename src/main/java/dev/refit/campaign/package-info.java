/**
 * Campaigns: one rollout across many environments, in waves (canaries, a soak, then batches),
 * halted by failures, cancelled by a person. The rules are a pure state machine driven by events
 * and a clock ({@link dev.refit.campaign.CampaignMachine}): no I/O here, so every path is
 * table-tested; storing a campaign and sending its commands to agents live around it.
 */
@NullMarked
package dev.refit.campaign;

import org.jspecify.annotations.NullMarked;
