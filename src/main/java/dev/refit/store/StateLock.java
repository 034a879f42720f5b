package dev.refit.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One Refit at a time changes containers for a state directory: {@code refit.lock} beside the
 * database, locked with the operating system's file lock, which a killed process releases by
 * itself (no stale lock files). Processes in different containers that share the state directory
 * (Refit and its self-update helper) see each other's lock.
 */
public final class StateLock implements AutoCloseable {
  private static final String FILE_NAME = "refit.lock";
  private static final Duration POLL = Duration.ofMillis(200);

  private final FileChannel channel;
  private final FileLock lock;

  private StateLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock, waiting up to {@code wait} for another Refit to release it.
   *
   * @param onWait called once if the lock is held by someone else, before waiting
   * @throws StoreException when the lock stays taken or cannot be taken at all
   */
  public static StateLock acquire(Path directory, Duration wait, Clock clock, Runnable onWait) {
    Path file = directory.resolve(FILE_NAME);
    FileChannel channel;
    try {
      Files.createDirectories(directory);
      channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StoreException("cannot open the lock file " + file + ": " + e.getMessage(), e);
    }
    Instant deadline = clock.instant().plus(wait);
    boolean told = false;
    try {
      while (true) {
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
          lock = null;
        }
        if (lock != null) {
          return new StateLock(channel, lock);
        }
        if (!clock.instant().isBefore(deadline)) {
          break;
        }
        if (!told) {
          onWait.run();
          told = true;
        }
        Thread.sleep(POLL.toMillis());
      }
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StoreException("cannot lock " + file + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(channel);
      throw new StoreException("interrupted while waiting for the lock " + file, e);
    }
    closeQuietly(channel);
    throw new StoreException(
        "another Refit has been updating for more than "
            + wait.toSeconds()
            + "s (it holds "
            + file
            + "); try again when it is done",
        null);
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it as well
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing left to release
    }
  }
}
