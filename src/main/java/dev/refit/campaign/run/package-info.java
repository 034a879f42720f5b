/**
 * Campaigns at work: {@link dev.refit.campaign.run.CampaignRunner} feeds what the fleet hears
 * (reports, agents coming and going) and a clock into the pure {@link
 * dev.refit.campaign.CampaignMachine}, stores every new state ({@link
 * dev.refit.campaign.run.CampaignStore}) and only then sends the commands it asks for through
 * {@link dev.refit.fleet.server.FleetDispatch}. A restarted server loads the unfinished campaigns
 * and goes on; command ids make every resend harmless.
 */
@NullMarked
package dev.refit.campaign.run;

import org.jspecify.annotations.NullMarked;
