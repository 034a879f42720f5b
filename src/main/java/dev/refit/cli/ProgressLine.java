package dev.refit.cli;

import dev.refit.check.CheckProgress;
import java.io.PrintWriter;

/**
 * A single status line on a terminal, redrawn in place; silent when stderr is not a terminal, so
 * logs and pipes stay clean.
 */
final class ProgressLine implements CheckProgress {
  private final PrintWriter out;
  private final boolean enabled;
  private int lastLength;

  ProgressLine(PrintWriter out, boolean enabled) {
    this.out = out;
    this.enabled = enabled;
  }

  /** On when a console is attached, as {@code docker pull} decides whether to draw progress. */
  static ProgressLine forTerminal(PrintWriter out) {
    return new ProgressLine(out, System.console() != null);
  }

  @Override
  public synchronized void imagesChecked(int done, int total) {
    show("checking images: " + done + "/" + total);
  }

  synchronized void show(String text) {
    if (!enabled) {
      return;
    }
    out.print("\r" + text + " ".repeat(Math.max(0, lastLength - text.length())));
    out.flush();
    lastLength = text.length();
  }

  synchronized void clear() {
    if (enabled && lastLength > 0) {
      out.print("\r" + " ".repeat(lastLength) + "\r");
      out.flush();
      lastLength = 0;
    }
  }
}
