package dev.refit.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads an engine stream (pull progress, exec output, logs) on a thread of its own, so that the
 * caller can stop waiting after a timeout: a blocked socket read ignores interrupts. A stream not
 * read to its end in time is closed, which ends the read.
 */
public final class TimedRead {
  /** What to do with the stream; runs on the reading thread. */
  public interface Reader {
    void read(InputStream in) throws IOException;
  }

  private TimedRead() {}

  /**
   * Reads {@code in} with {@code reader}, then closes it.
   *
   * @return whether the reader finished within {@code timeout}
   * @throws UncheckedIOException or the reader's own RuntimeException when the read failed in time
   */
  public static boolean within(Duration timeout, InputStream in, Reader reader, String what)
      throws InterruptedException {
    FutureTask<Void> task =
        new FutureTask<>(
            () -> {
              try (in) {
                reader.read(in);
              }
              return null;
            });
    Thread thread = new Thread(task, "refit-" + what);
    thread.setDaemon(true);
    thread.start();
    try {
      task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      closeInBackground(in, what);
      return false;
    } catch (InterruptedException e) {
      closeInBackground(in, what);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw new UncheckedIOException(what + ": " + io.getMessage(), io);
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(what + " failed", cause);
    }
  }

  /** Closing may wait on the transport; the caller has waited long enough. */
  private static void closeInBackground(InputStream in, String what) {
    Thread closer =
        new Thread(
            () -> {
              try {
                in.close();
              } catch (IOException | RuntimeException ignored) {
                // the stream is abandoned either way
              }
            },
            "refit-" + what + "-close");
    closer.setDaemon(true);
    closer.start();
  }
}
