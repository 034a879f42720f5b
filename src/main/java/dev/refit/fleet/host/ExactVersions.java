package dev.refit.fleet.host;

import dev.refit.fleet.protocol.CommandReport;
import java.util.List;

/**
 * Applies targets to an exact tag (a command's {@code tag}), which the policy-driven pipeline does
 * not do by itself. The build wires the pipeline's exact-version rollout here; without one, such a
 * command is refused with a line that says so rather than applying the newest tag instead.
 */
public interface ExactVersions {
  CommandReport apply(String commandId, List<String> targets, String tag);

  /** Refuses every exact-tag command: this build has no exact-version rollout wired. */
  static ExactVersions unsupported() {
    return (id, targets, tag) ->
        new CommandReport(
            id, false, "this Refit cannot apply an exact tag (" + tag + "); upgrade it", "");
  }
}
