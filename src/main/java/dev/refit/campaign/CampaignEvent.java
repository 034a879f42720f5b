package dev.refit.campaign;

import org.jspecify.annotations.Nullable;

/** What can happen to a campaign; each is applied with the time it happened at. */
public sealed interface CampaignEvent {
  /** The campaign begins: the first wave starts. */
  record Start() implements CampaignEvent {}

  /** Time passes: soaks end, deadlines run out. */
  record Tick() implements CampaignEvent {}

  /** An environment's agent connected (or the server learnt, after a restart, that it is). */
  record Online(String environment) implements CampaignEvent {}

  /** An environment's agent went away. */
  record Offline(String environment) implements CampaignEvent {}

  /**
   * An agent's report on a command. Reports on a command id the campaign did not send (or sent
   * long ago, and already counted) are ignored, so a replay after a reconnect changes nothing.
   */
  record Reported(
      String environment, String commandId, boolean succeeded, @Nullable String message, @Nullable String logTail)
      implements CampaignEvent {}

  /** A person cancels: nothing more is dispatched; what is in flight still reports. */
  record Cancel() implements CampaignEvent {}
}
