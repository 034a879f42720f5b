package dev.refit.cli;

import dev.refit.check.CheckProgress;
import dev.refit.rollout.RolloutListener;
import dev.refit.rollout.RolloutResult;
import dev.refit.target.Target;

/** Shows the check's and each container's progress on the terminal's status line. */
final class UpdateProgress implements RolloutListener, CheckProgress {
  private final ProgressLine line;

  UpdateProgress(ProgressLine line) {
    this.line = line;
  }

  @Override
  public void imagesChecked(int done, int total) {
    line.imagesChecked(done, total);
  }

  @Override
  public void step(Target target, String description) {
    line.show(target.name() + ": " + description);
  }

  @Override
  public void finished(RolloutResult result) {
    line.clear();
  }

  void clear() {
    line.clear();
  }
}
