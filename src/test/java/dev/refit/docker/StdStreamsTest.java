package dev.refit.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The 8-byte-header stream format of logs and exec output (Engine API "Attach to a container"). */
class StdStreamsTest {
  private static byte[] frame(int stream, String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + payload.length).put((byte) stream).put(new byte[3])
        .putInt(payload.length).put(payload).array();
  }

  private static InputStream of(byte[]... parts) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p);
    }
    return new ByteArrayInputStream(out.toByteArray());
  }

  @Test
  void mergesStdoutAndStderrInArrivalOrder() throws Exception {
    assertThat(StdStreams.demultiplex(of(frame(1, "out\n"), frame(2, "err\n"), frame(1, "")))).isEqualTo("out\nerr\n");
  }

  @Test
  void aTtysPlainOutputStaysAsItIs() throws Exception {
    assertThat(StdStreams.demultiplex(of("plain text, longer than a header\n".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("plain text, longer than a header\n");
    assertThat(StdStreams.demultiplex(of("short".getBytes(StandardCharsets.UTF_8)))).isEqualTo("short");
  }

  @Test
  void aFrameCutShortKeepsWhatCame() throws Exception {
    byte[] whole = frame(1, "complete line\n");
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 5);
    String text = StdStreams.demultiplex(of(frame(1, "first\n"), cut));
    assertThat(text).startsWith("first\n").endsWith("complete ");
  }

  @Test
  void aPayloadSpreadOverManyReadsIsWhole() throws Exception {
    String big = "x".repeat(100_000) + "\n";
    InputStream trickle =
        new java.io.FilterInputStream(new ByteArrayInputStream(frame(2, big))) {
          @Override
          public int read(byte[] b, int off, int len) throws java.io.IOException {
            return super.read(b, off, Math.min(len, 7)); // as a socket delivers it
          }
        };
    assertThat(StdStreams.demultiplex(trickle)).isEqualTo(big);
  }
}
