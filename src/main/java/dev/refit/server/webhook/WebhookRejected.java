package dev.refit.server.webhook;

/**
 * A webhook request Refit refuses: 401 without the right secret, 400 for a body it cannot read.
 * The message is the reason sent back; it never echoes the secret.
 */
public final class WebhookRejected extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public WebhookRejected(int status, String reason) {
    super(reason);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
