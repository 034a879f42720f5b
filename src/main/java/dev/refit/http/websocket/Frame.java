package dev.refit.http.websocket;

import java.nio.charset.StandardCharsets;

/**
 * One frame as it travels, unmasked.
 *
 * @param fin whether this frame ends its message
 * @param opcode one of the {@code Frame} opcode constants
 * @param payload the application data, already unmasked
 */
public record Frame(boolean fin, int opcode, byte[] payload) {
  public static final int CONTINUATION = 0x0;
  public static final int TEXT = 0x1;
  public static final int BINARY = 0x2;
  public static final int CLOSE = 0x8;
  public static final int PING = 0x9;
  public static final int PONG = 0xA;

  /** Control frames (close, ping, pong) may come between the fragments of a message. */
  public boolean control() {
    return (opcode & 0x8) != 0;
  }

  public static Frame text(String text) {
    return new Frame(true, TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  /** A close frame: the code, then the reason in UTF-8, cut to fit a control frame's 125 bytes. */
  public static Frame close(int code, String reason) {
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    int length = Math.min(text.length, 123);
    byte[] payload = new byte[2 + length];
    payload[0] = (byte) (code >> 8);
    payload[1] = (byte) code;
    System.arraycopy(text, 0, payload, 2, length);
    return new Frame(true, CLOSE, payload);
  }

  /** The code of a close frame; 1005 (no status) when it carries none. */
  public int closeCode() {
    return payload.length < 2 ? CloseCodes.NO_STATUS : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
  }

  /** The reason of a close frame, empty when it carries none. */
  public String closeReason() {
    return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
  }
}
