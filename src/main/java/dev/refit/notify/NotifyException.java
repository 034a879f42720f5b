package dev.refit.notify;

/**
 * A notification could not be delivered. The message names the notifier and what went wrong, never
 * its URL or credentials (a Slack or Discord URL is itself the secret).
 */
public final class NotifyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotifyException(String message) {
    super(message);
  }

  public NotifyException(String message, Throwable cause) {
    super(message, cause);
  }
}
