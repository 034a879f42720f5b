package dev.refit.campaign.run;

/**
 * A campaign request that cannot be done, with the HTTP status the API answers and one line for
 * people: 400 for a bad request, 404 for an unknown campaign, 409 for one already finished.
 */
public final class CampaignError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public CampaignError(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
