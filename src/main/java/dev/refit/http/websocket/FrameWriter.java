package dev.refit.http.websocket;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Random;

/**
 * Writes frames to a stream, each in one write. A client masks every frame with a fresh key
 * (RFC 6455 5.3); a server masks none. Safe to call from several threads: frames never interleave.
 */
public final class FrameWriter {
  private final OutputStream out;
  private final boolean mask;
  private final Random keys;

  /**
   * @param mask true on a client, false on a server
   */
  public FrameWriter(OutputStream out, boolean mask) {
    this(out, mask, new SecureRandom());
  }

  /** With the source of masking keys given (tests fix it). */
  public FrameWriter(OutputStream out, boolean mask, Random keys) {
    this.out = out;
    this.mask = mask;
    this.keys = keys;
  }

  public synchronized void write(Frame frame) throws IOException {
    byte[] payload = frame.payload();
    int length = payload.length;
    int header = 2 + (length > 0xffff ? 8 : length > 125 ? 2 : 0) + (mask ? 4 : 0);
    byte[] bytes = new byte[header + length];
    bytes[0] = (byte) ((frame.fin() ? 0x80 : 0) | frame.opcode());
    int maskBit = mask ? 0x80 : 0;
    int at = 2;
    if (length > 0xffff) {
      bytes[1] = (byte) (maskBit | 127);
      for (int i = 7; i >= 0; i--) {
        bytes[at++] = (byte) ((long) length >>> (8 * i));
      }
    } else if (length > 125) {
      bytes[1] = (byte) (maskBit | 126);
      bytes[at++] = (byte) (length >>> 8);
      bytes[at++] = (byte) length;
    } else {
      bytes[1] = (byte) (maskBit | length);
    }
    if (mask) {
      byte[] key = new byte[4];
      keys.nextBytes(key);
      System.arraycopy(key, 0, bytes, at, 4);
      at += 4;
      for (int i = 0; i < length; i++) {
        bytes[at + i] = (byte) (payload[i] ^ key[i & 3]);
      }
    } else {
      System.arraycopy(payload, 0, bytes, at, length);
    }
    out.write(bytes);
    out.flush();
  }
}
