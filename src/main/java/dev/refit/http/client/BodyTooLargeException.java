package dev.refit.http.client;

import java.io.IOException;

/** An answer's body would pass the cap the caller set; its connection was dropped. */
public final class BodyTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * @param declared the {@code Content-Length} that was refused without reading, or -1 when the
   *     body was read up to the cap
   */
  public BodyTooLargeException(long cap, long declared) {
    super(
        declared >= 0
            ? "the answer announces " + declared + " bytes, more than the " + cap + " allowed"
            : "the answer is longer than the " + cap + " bytes allowed");
  }
}
