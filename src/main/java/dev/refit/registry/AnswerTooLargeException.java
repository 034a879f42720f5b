package dev.refit.registry;

import java.io.IOException;

/** An answer body that outgrew its cap while it was read; reading stopped there. */
final class AnswerTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  AnswerTooLargeException(long cap, long declared) {
    super(
        declared > cap
            ? "declares " + declared + " bytes, more than the cap of " + cap
            : "sent more than the cap of " + cap + " bytes");
  }
}
