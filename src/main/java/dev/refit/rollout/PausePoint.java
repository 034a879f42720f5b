package dev.refit.rollout;

import java.io.PrintStream;
import java.util.Map;

/**
 * TEST ONLY: lets the crash tests kill Refit between two steps. With {@code REFIT_TEST_PAUSE_AT=<step>}
 * in the environment, Refit prints {@code refit-test-paused-at <step>} to stderr when it reaches that
 * step (after journaling it, before taking it) and sleeps until it is killed, or, with {@code
 * REFIT_TEST_RESUME_WHEN=<file>} too, until that file exists (the fault tests fill the disk while it
 * waits). Without the variables (always, outside the tests) it does nothing.
 */
public final class PausePoint {
  public static final String ENV = "REFIT_TEST_PAUSE_AT";
  public static final String RESUME_ENV = "REFIT_TEST_RESUME_WHEN";
  public static final String MARKER = "refit-test-paused-at ";

  private final String step;
  private final java.nio.file.Path resume;
  private final PrintStream out;

  private PausePoint(String step, java.nio.file.Path resume, PrintStream out) {
    this.step = step;
    this.resume = resume;
    this.out = out;
  }

  public static PausePoint none() {
    return new PausePoint(null, null, System.err);
  }

  public static PausePoint fromEnvironment(Map<String, String> environment) {
    String step = environment.get(ENV);
    String resume = environment.get(RESUME_ENV);
    return step == null || step.isBlank()
        ? none()
        : new PausePoint(
            step.trim(), resume == null || resume.isBlank() ? null : java.nio.file.Path.of(resume), System.err);
  }

  /** Called with each step's name right after it is journaled. */
  public void reached(String stepName) {
    if (step == null || !step.equals(stepName)) {
      return;
    }
    out.println(MARKER + stepName);
    out.flush();
    try {
      if (resume == null) {
        Thread.sleep(Long.MAX_VALUE);
      }
      while (!java.nio.file.Files.exists(resume)) {
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
