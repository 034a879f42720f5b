package dev.refit.campaign;

import java.util.List;

/**
 * The result of one event: the campaign's new state, and the commands to send. Store the state
 * before sending: a command sent twice is harmless (its id is applied once), a command recorded as
 * sent but never stored is not.
 */
public record Transition(CampaignState state, List<Dispatch> dispatches) {
  public Transition {
    dispatches = List.copyOf(dispatches);
  }
}
