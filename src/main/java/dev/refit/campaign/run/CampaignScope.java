package dev.refit.campaign.run;

import dev.refit.fleet.protocol.Action;
import dev.refit.fleet.protocol.Command;
import dev.refit.image.ImageName;
import dev.refit.image.ImageReference;
import dev.refit.image.InvalidReferenceException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a campaign rolls out.
 *
 * @param action {@link Action#UPGRADE_AGENT} (the agents themselves) or {@link Action#APPLY}
 *     (the targets whose image is from a repository)
 * @param image UPGRADE_AGENT: the image the agents run next ({@code ghcr.io/acme/refit:1.4.0});
 *     APPLY: the repository whose targets are updated ({@code ghcr.io/acme/web})
 * @param tag APPLY only: an exact tag to go to, or null for the newest each agent's policy allows
 */
public record CampaignScope(Action action, String image, @Nullable String tag) {
  public CampaignScope {
    if (action != Action.UPGRADE_AGENT && action != Action.APPLY) {
      throw new CampaignError(400, "a campaign rolls out UPGRADE_AGENT or APPLY, not " + action);
    }
    if (image.isBlank()) {
      throw new CampaignError(400, "a campaign needs an image");
    }
    if (action == Action.UPGRADE_AGENT && tag != null) {
      throw new CampaignError(400, "an agent upgrade takes its version in the image, not in 'tag'");
    }
    try {
      if (action == Action.APPLY) {
        ImageName.parse(image);
      } else {
        ImageReference.parse(image);
      }
    } catch (InvalidReferenceException e) {
      throw new CampaignError(400, String.valueOf(e.getMessage()));
    }
  }

  public static CampaignScope upgradeAgents(String image) {
    return new CampaignScope(Action.UPGRADE_AGENT, image, null);
  }

  public static CampaignScope apply(String repository, @Nullable String tag) {
    return new CampaignScope(Action.APPLY, repository, tag);
  }

  /** The command for one environment; {@code targets} are its targets from the repository (APPLY). */
  Command command(String commandId, List<String> targets) {
    return action == Action.UPGRADE_AGENT
        ? Command.upgradeAgent(commandId, image)
        : Command.apply(commandId, targets, tag);
  }

  /**
   * Whether a target running {@code targetImage} is from this campaign's repository (APPLY).
   * Compared as registry and repository ({@link ImageName}), so {@code nginx} matches {@code
   * docker.io/library/nginx:1.25}.
   */
  boolean matches(String targetImage) {
    try {
      return ImageName.parse(image).matches(ImageReference.parse(targetImage));
    } catch (InvalidReferenceException e) {
      return false;
    }
  }
}
