package dev.refit.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Logs and exec output of a container without a TTY come as frames: one byte naming the stream (0
 * stdin, 1 stdout, 2 stderr), three zero bytes, a big-endian length, then that many bytes. With a
 * TTY they come as plain bytes. Stdout and stderr are merged here, in the order they arrived.
 */
public final class StdStreams {
  private static final int HEADER = 8;

  private StdStreams() {}

  /**
   * Copies the payloads of {@code in} to {@code out} until the stream ends. What is not a frame
   * (a TTY's output, or a frame cut short) is copied as it is, from there on.
   */
  public static void demultiplex(InputStream in, OutputStream out) throws IOException {
    byte[] header = new byte[HEADER];
    while (true) {
      int read = in.readNBytes(header, 0, HEADER);
      if (read < HEADER || !isHeader(header)) {
        out.write(header, 0, read);
        if (read == HEADER) {
          in.transferTo(out);
        }
        out.flush();
        return;
      }
      int length = ByteBuffer.wrap(header, 4, 4).getInt();
      byte[] payload = in.readNBytes(length);
      if (payload.length < length) {
        // cut short: keep what came, header included, as text
        out.write(header);
        out.write(payload);
        out.flush();
        return;
      }
      out.write(payload);
      out.flush();
    }
  }

  /** The whole stream as text. */
  public static String demultiplex(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    demultiplex(in, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHeader(byte[] header) {
    return header[0] >= 0
        && header[0] <= 2
        && header[1] == 0
        && header[2] == 0
        && header[3] == 0
        && ByteBuffer.wrap(header, 4, 4).getInt() >= 0;
  }
}
