package dev.refit.check;

/** The verdict for one target. */
public enum CheckStatus {
  UP_TO_DATE("up to date"),
  UPDATE_AVAILABLE("update available"),
  ERROR("error"),
  SKIPPED("skipped");

  private final String text;

  CheckStatus(String text) {
    this.text = text;
  }

  /** How the table prints it. */
  public String text() {
    return text;
  }
}
