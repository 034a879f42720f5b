package dev.refit.http.websocket;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads frames from a stream. A server requires every frame masked (RFC 6455 5.1) and a client
 * requires none; a frame longer than the cap is refused before its payload is read.
 */
public final class FrameReader {
  private final InputStream in;
  private final boolean masked;
  private final long maxPayload;

  /**
   * @param masked whether the peer must mask its frames (true on a server, false on a client)
   * @param maxPayload the largest payload accepted in one frame
   */
  public FrameReader(InputStream in, boolean masked, long maxPayload) {
    this.in = in;
    this.masked = masked;
    this.maxPayload = maxPayload;
  }

  /**
   * The next frame, blocking until it is complete.
   *
   * @throws EOFException the stream ended (between frames or inside one)
   * @throws WebSocketException a frame that breaks the protocol or the cap, with its close code
   */
  public Frame read() throws IOException {
    return readAfter(next());
  }

  /**
   * The frame whose first byte the caller already read (to wait for a frame with a timeout of its
   * own and read the rest with another).
   */
  public Frame readAfter(int b0) throws IOException {
    int b1 = next();
    if ((b0 & 0x70) != 0) {
      throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "reserved bits set without an extension");
    }
    boolean fin = (b0 & 0x80) != 0;
    int opcode = b0 & 0x0f;
    boolean hasMask = (b1 & 0x80) != 0;
    if (hasMask != masked) {
      throw new WebSocketException(
          CloseCodes.PROTOCOL_ERROR, masked ? "a client frame must be masked" : "a server frame must not be masked");
    }
    long length = b1 & 0x7f;
    if (length == 126) {
      length = ((long) next() << 8) | next();
    } else if (length == 127) {
      length = 0;
      for (int i = 0; i < 8; i++) {
        length = (length << 8) | next();
      }
      if (length < 0) {
        throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "a frame length with its top bit set");
      }
    }
    boolean control = (opcode & 0x8) != 0;
    if (control && (length > 125 || !fin)) {
      throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "a control frame must be whole and at most 125 bytes");
    }
    if (opcode > Frame.BINARY && !control || opcode > Frame.PONG) {
      throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "unknown opcode " + opcode);
    }
    if (length > maxPayload) {
      throw new WebSocketException(CloseCodes.TOO_BIG, "a frame of " + length + " bytes is over the limit of " + maxPayload);
    }
    byte[] key = new byte[4];
    if (hasMask) {
      readFully(key);
    }
    byte[] payload = new byte[(int) length];
    readFully(payload);
    if (hasMask) {
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= key[i & 3];
      }
    }
    return new Frame(fin, opcode, payload);
  }

  private int next() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("the WebSocket stream ended");
    }
    return b;
  }

  private void readFully(byte[] into) throws IOException {
    int done = 0;
    while (done < into.length) {
      int n = in.read(into, done, into.length - done);
      if (n < 0) {
        throw new EOFException("the WebSocket stream ended inside a frame");
      }
      done += n;
    }
  }
}
