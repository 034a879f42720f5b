package dev.refit.hostjob;

/** Told how a host job advances, for a progress line. */
public interface HostJobListener {
  /** The job service exists now. */
  default void created(String service, String id) {}

  /** {@code finished} of {@code expected} nodes are done. */
  default void progress(int finished, int expected) {}

  static HostJobListener none() {
    return new HostJobListener() {};
  }
}
