package dev.refit.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A stream read with a deadline: an engine that never finishes a hook or a pull. */
class TimedReadTest {
  /** A peer that never sends anything: read blocks until the stream is closed. */
  private static final class Silent extends InputStream {
    final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public int read() throws IOException {
      try {
        closed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IOException("closed");
    }

    @Override
    public void close() {
      closed.countDown();
    }
  }

  @Test
  void aStreamThatEndsInTimeIsReadAndClosed() throws Exception {
    StringBuilder got = new StringBuilder();
    boolean[] closed = {false};
    InputStream in =
        new ByteArrayInputStream("done".getBytes()) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    assertThat(TimedRead.within(Duration.ofSeconds(5), in, s -> got.append(new String(s.readAllBytes())), "t"))
        .isTrue();
    assertThat(got).hasToString("done");
    assertThat(closed[0]).isTrue();
  }

  @Test
  void aSilentPeerTimesOutAndItsStreamIsClosed() throws Exception {
    Silent silent = new Silent();
    long start = System.nanoTime();
    assertThat(TimedRead.within(Duration.ofMillis(200), silent, InputStream::readAllBytes, "t")).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(silent.closed.await(3, TimeUnit.SECONDS)).as("closed after the timeout").isTrue();
  }

  @Test
  void aFailedReadReachesTheCaller() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }
        };
    assertThatThrownBy(() -> TimedRead.within(Duration.ofSeconds(5), broken, InputStream::readAllBytes, "logs"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("connection reset");
  }
}
