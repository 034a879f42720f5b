package dev.refit.campaign.run;

import dev.refit.campaign.Strategy;

/** What a person asks for when creating a campaign (API, CLI, UI). */
public record CampaignRequest(EnvironmentSelection selection, CampaignScope scope, Strategy strategy) {}
