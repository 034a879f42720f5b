package dev.refit.cli;

import dev.refit.check.CheckProgress;
import dev.refit.rollout.RolloutListener;
import dev.refit.rollout.RolloutResult;
import dev.refit.target.Target;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shows the check's and the rollout's progress on the terminal's status line. Several targets may
 * be updated at once: the line shows each one under way with its current step, in the order they
 * began, e.g. {@code web: running for 10s | db: pulling db:1.2}.
 */
final class UpdateProgress implements RolloutListener, CheckProgress {
  static final int WIDTH = 120;
  private final ProgressLine line;
  /** target name -> its current step, for the targets being updated now. */
  private final Map<String, String> underWay = new LinkedHashMap<>();

  UpdateProgress(ProgressLine line) {
    this.line = line;
  }

  @Override
  public void imagesChecked(int done, int total) {
    line.imagesChecked(done, total);
  }

  @Override
  public synchronized void step(Target target, String description) {
    underWay.put(target.name(), description);
    line.show(text());
  }

  @Override
  public synchronized void finished(RolloutResult result) {
    underWay.remove(result.target().name());
    if (underWay.isEmpty()) {
      line.clear();
    } else {
      line.show(text());
    }
  }

  synchronized void clear() {
    underWay.clear();
    line.clear();
  }

  /**
   * What the status line says now; cut to {@link #WIDTH} characters, since a line that wraps can
   * no longer be redrawn in place.
   */
  synchronized String text() {
    StringBuilder text = new StringBuilder();
    underWay.forEach(
        (name, step) -> text.append(text.length() == 0 ? "" : " | ").append(name).append(": ").append(step));
    return text.length() <= WIDTH ? text.toString() : text.substring(0, WIDTH - 3) + "...";
  }
}
