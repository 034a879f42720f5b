package dev.refit.rollout.container;

import java.util.List;

/** One container's update cannot go on; the message says why in one line. */
final class UpdateFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> logTail;

  UpdateFailure(String message) {
    this(message, List.of(), null);
  }

  UpdateFailure(String message, Throwable cause) {
    this(message, List.of(), cause);
  }

  UpdateFailure(String message, List<String> logTail, Throwable cause) {
    super(message, cause);
    this.logTail = List.copyOf(logTail);
  }

  List<String> logTail() {
    return logTail;
  }
}
