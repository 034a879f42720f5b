package dev.refit.check;

/** Told as images are checked, for a progress line. Called from worker threads. */
@FunctionalInterface
public interface CheckProgress {
  void imagesChecked(int done, int total);

  static CheckProgress none() {
    return (done, total) -> {};
  }
}
